package dev.nexconn.exporter.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when a test moves it. */
public final class AlertTestClock extends Clock {
  private volatile Instant now;

  public AlertTestClock(Instant start) {
    this.now = start;
  }

  /** Starts at 2026-11-28T07:00:00Z. */
  public AlertTestClock() {
    this(Instant.parse("2026-11-28T07:00:00Z"));
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
