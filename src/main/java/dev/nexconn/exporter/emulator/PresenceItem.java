package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonObject;

/**
 * One item of a {@code user:connection_status} webhook envelope.
 *
 * @param userId the user
 * @param status connected, disconnected or logged out
 * @param os {@code iOS}, {@code Android} or {@code Websocket}, as the real service names them
 * @param timeMillis when it happened
 * @param clientIp the client's address
 * @param sessionId the server's session id
 */
record PresenceItem(
    String userId,
    PresenceStatus status,
    String os,
    long timeMillis,
    String clientIp,
    String sessionId) {

  /** The real service's {@code os} value for a client platform name. */
  static String osOf(String platform) {
    if (platform == null) {
      return "Websocket";
    }
    switch (platform.toLowerCase(java.util.Locale.ROOT)) {
      case "ios":
        return "iOS";
      case "android":
        return "Android";
      default:
        return "Websocket";
    }
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId)
        .put("status", status.wire())
        .put("os", os)
        .put("time", timeMillis)
        .put("clientIp", clientIp)
        .put("sessionId", sessionId);
  }
}
