package dev.nexconn.exporter.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames a server sent that the session had not negotiated (a {@code deliver} without the {@code
 * messages} feature, or a client-only frame): dropped, logged and counted here, process-wide, for
 * {@code nexconn_protocol_frames_rejected_total}.
 */
public final class RejectedFrames {
  private static final AtomicLong COUNT = new AtomicLong();

  private RejectedFrames() {}

  static long increment() {
    return COUNT.incrementAndGet();
  }

  /** Rejected frames since the process started. */
  public static long count() {
    return COUNT.get();
  }
}
