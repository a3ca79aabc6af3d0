package dev.nexconn.exporter.event;

import java.util.Objects;

/**
 * The bounded dimensions an event carries besides its source: client platform, app version and
 * operating system. Unknown values are {@code ""}; the metrics layer folds unbounded values.
 *
 * @param platform client platform, e.g. {@code ios}, {@code android}, {@code web}, {@code probe}
 * @param appVersion the reporting app's version, e.g. {@code 5.2.1}
 * @param os operating system as reported by the presence webhook, e.g. {@code iOS}
 */
public record Dimensions(String platform, String appVersion, String os) {
  /** No dimensions known. */
  public static final Dimensions NONE = new Dimensions("", "", "");

  /** The dimensions of probe connections. */
  public static final Dimensions PROBE = new Dimensions("probe", "", "");

  public Dimensions {
    platform = Objects.requireNonNullElse(platform, "");
    appVersion = Objects.requireNonNullElse(appVersion, "");
    os = Objects.requireNonNullElse(os, "");
  }
}
