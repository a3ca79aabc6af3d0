package dev.nexconn.exporter.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A hashed timing wheel: one per shard (event loop), advanced by that shard's single periodic
 * timer. It replaces per-connection timers: heartbeats, connack deadlines, reconnect waits and
 * connect timeouts of thousands of connections all live here, each entry holding one slot. Not
 * thread-safe: it is used only on its shard's context.
 */
final class DeadlineWheel {
  private final long tickMillis;
  private final WheelEntry[] slots;
  private final int mask;
  private long processedTick;
  private int size;

  /**
   * @param tickMillis resolution; deadlines fire up to one tick late
   * @param slotCount a power of two
   * @param nowMillis the start time
   */
  DeadlineWheel(long tickMillis, int slotCount, long nowMillis) {
    if (tickMillis < 1 || Integer.bitCount(slotCount) != 1) {
      throw new IllegalArgumentException("tick >= 1 ms and a power-of-two slot count required");
    }
    this.tickMillis = tickMillis;
    this.slots = new WheelEntry[slotCount];
    this.mask = slotCount - 1;
    this.processedTick = nowMillis / tickMillis;
  }

  /** Schedules (or moves) {@code entry} to fire at {@code dueMillis}. */
  void schedule(WheelEntry entry, long dueMillis) {
    cancel(entry);
    // The last processed tick's slot is visited again by the next advance, so it is the earliest.
    long tick = Math.max(dueMillis / tickMillis, processedTick);
    int slot = (int) (tick & mask);
    entry.wheelDue = dueMillis;
    entry.wheelSlot = slot;
    entry.wheelPrev = null;
    entry.wheelNext = slots[slot];
    if (slots[slot] != null) {
      slots[slot].wheelPrev = entry;
    }
    slots[slot] = entry;
    size++;
  }

  /** Removes {@code entry} if it is scheduled. */
  void cancel(WheelEntry entry) {
    if (entry.wheelSlot < 0) {
      return;
    }
    if (entry.wheelPrev != null) {
      entry.wheelPrev.wheelNext = entry.wheelNext;
    } else {
      slots[entry.wheelSlot] = entry.wheelNext;
    }
    if (entry.wheelNext != null) {
      entry.wheelNext.wheelPrev = entry.wheelPrev;
    }
    entry.wheelNext = null;
    entry.wheelPrev = null;
    entry.wheelSlot = -1;
    size--;
  }

  /** Fires every entry due at or before {@code nowMillis}; entries may reschedule themselves. */
  void advance(long nowMillis) {
    long nowTick = nowMillis / tickMillis;
    if (nowTick <= processedTick && size == 0) {
      return;
    }
    List<WheelEntry> due = new ArrayList<>();
    // The last processed tick is visited again: entries due later within it were left behind.
    long from = processedTick;
    long to = Math.max(nowTick, processedTick);
    if (to - from + 1 >= slots.length) {
      for (int s = 0; s < slots.length; s++) {
        collect(s, nowMillis, due);
      }
    } else {
      for (long t = from; t <= to; t++) {
        collect((int) (t & mask), nowMillis, due);
      }
    }
    processedTick = to;
    for (WheelEntry e : due) {
      e.onDue(nowMillis);
    }
  }

  /** Entries currently scheduled. */
  int size() {
    return size;
  }

  private void collect(int slot, long nowMillis, List<WheelEntry> due) {
    WheelEntry e = slots[slot];
    while (e != null) {
      WheelEntry next = e.wheelNext;
      if (e.wheelDue <= nowMillis) {
        cancel(e);
        due.add(e);
      }
      e = next;
    }
  }
}
