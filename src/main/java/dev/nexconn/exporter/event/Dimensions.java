package dev.nexconn.exporter.event;

import java.util.Objects;

/**
 * The bounded dimensions an event carries besides its source: platform, app version and operating
 * system. An unknown platform is {@code null}, unknown strings are {@code ""}; the metrics layer
 * folds unbounded values.
 *
 * @param platform the platform, {@code null} when unknown (presence webhooks)
 * @param appVersion the reporting app's version, e.g. {@code 5.2.1}
 * @param os operating system as reported by the presence webhook, e.g. {@code iOS}
 */
public record Dimensions(Platform platform, String appVersion, String os) {
  /** No dimensions known. */
  public static final Dimensions NONE = new Dimensions(null, "", "");

  /** The dimensions of probe connections. */
  public static final Dimensions PROBE = new Dimensions(Platform.PROBE, "", "");

  public Dimensions {
    appVersion = Objects.requireNonNullElse(appVersion, "");
    os = Objects.requireNonNullElse(os, "");
  }

  /** The platform's label, {@code ""} when unknown. */
  public String platformLabel() {
    return platform == null ? "" : platform.label();
  }
}
