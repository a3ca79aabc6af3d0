package dev.nexconn.exporter.transport;

import java.util.Locale;

/**
 * Why the Web SDK driver went down: the {@code reason} label of {@code
 * nexconn_web_sdk_driver_incidents_total} and of the {@code web_sdk_driver_down} log line. A closed
 * set, so the label has three values.
 */
public enum WebSdkDriverIncident {
  /** The process ended by itself or was killed from outside (crash, OOM kill, {@code kill -9}). */
  EXITED,
  /** It stopped answering health requests within {@code healthTimeout} and was killed. */
  HUNG,
  /** A restart could not start the process ({@code node} gone, for example). */
  START_FAILED;

  /** The label value: {@code exited}, {@code hung}, {@code start_failed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
