package dev.nexconn.exporter.api;

/** Checks of a request URI that handlers would otherwise fail on with an exception. */
final class UriText {
  private UriText() {}

  /**
   * The first bad escape in {@code uri} ({@code "%"} at its end, {@code "%zz"}), quoted with its
   * offset; or null when every {@code %} is followed by two hex digits.
   */
  static String badPercentEncoding(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) {
        String shown = uri.substring(i, Math.min(uri.length(), i + 3));
        return "offset " + i + " ('" + shown.replaceAll("[^\\x21-\\x7e]", "?") + "')";
      }
    }
    return null;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
