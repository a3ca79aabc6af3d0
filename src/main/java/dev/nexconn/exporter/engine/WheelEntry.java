package dev.nexconn.exporter.engine;

/**
 * Something a {@link DeadlineWheel} wakes up at a due time. The links are intrusive so that a
 * scheduled entry costs no allocation and an idle entry holds nothing but these fields.
 */
abstract class WheelEntry {
  WheelEntry wheelNext;
  WheelEntry wheelPrev;
  int wheelSlot = -1;
  long wheelDue;

  /** Called on the wheel's context once the due time has passed. */
  abstract void onDue(long nowMillis);
}
