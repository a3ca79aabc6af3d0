package dev.nexconn.exporter.token;

import java.util.regex.Pattern;

/** How a refusal from the Server API is named in a {@link TokenFetchException}. */
final class ServerApiRefusal {
  /** The vendor's message is quoted, but never at length: it lands in logs and status pages. */
  static final int MAX_MESSAGE_CHARS = 200;

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private ServerApiRefusal() {}

  /** What the business code means for the operator, from the vendor's documented codes. */
  static String hint(int code) {
    return switch (code) {
      case 1004 -> " (signature: check the App Key and App Secret, and the host clock)";
      case 1008 -> " (rate limited: fewer probes per second, or a higher limit from the vendor)";
      case 1002 -> " (bad parameter)";
      case 1005 -> " (a parameter is too long: user ids are at most 64 characters)";
      case 1009 -> " (service not enabled for this App Key)";
      default -> "";
    };
  }

  /**
   * The server's {@code errorMessage}, quoted, cut short and stripped of control characters; the
   * App Secret is masked should a server ever echo it.
   */
  static String message(Object errorMessage, String appSecret) {
    if (!(errorMessage instanceof String text) || text.isBlank()) {
      return "";
    }
    String clean = CONTROL.matcher(text).replaceAll(" ").strip();
    if (!appSecret.isEmpty()) {
      clean = clean.replace(appSecret, "***");
    }
    if (clean.length() > MAX_MESSAGE_CHARS) {
      clean = clean.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    return ": \"" + clean + "\"";
  }
}
