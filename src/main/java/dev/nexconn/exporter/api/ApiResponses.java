package dev.nexconn.exporter.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes {@code /api/v1} responses. Every error has one body, {@code {"error": CODE, "message":
 * TEXT}}: {@code CODE} is a stable snake-case word a client can branch on ({@code unauthorized},
 * {@code invalid}, {@code not_found}...), {@code TEXT} says what was wrong and how to fix it, and
 * neither ever holds a secret.
 *
 * <pre>{@code
 * ApiResponses.error(ctx, 400, "invalid_query", "state must be inactive, pending, firing or resolved");
 * }</pre>
 */
public final class ApiResponses {
  /** The prefix of the sidecar's API routes. */
  public static final String PREFIX = "/api/v1/";

  // Header names and values as Vert.x's pre-encoded constants: no hashing or encoding per answer.
  private static final CharSequence CONTENT_TYPE = HttpHeaders.CONTENT_TYPE;
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private ApiResponses() {}

  /** The error body. */
  public static JsonObject errorBody(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  /** Answers {@code status} with the error body. */
  public static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, errorBody(code, message));
  }

  /**
   * True when {@code request} declares a body ({@code Content-Length} above 0, or chunked) that has
   * not been read to its end: answering now means nobody will read the rest.
   */
  public static boolean bodyUnread(HttpServerRequest request) {
    if (request.isEnded()) {
      return false;
    }
    String length = request.getHeader("Content-Length");
    if (length != null) {
      return !length.trim().equals("0");
    }
    return request.getHeader("Transfer-Encoding") != null;
  }

  /** Answers {@code status} with {@code body} as JSON, not cached; no-op when already answered. */
  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    // Answered before the body was read (401, 413, 429...): close rather than read a body nobody
    // wants; a client that sent it all keeps its connection.
    boolean unread = bodyUnread(ctx.request());
    if (unread) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(CONTENT_TYPE, JSON)
        .putHeader(CACHE_CONTROL, NO_STORE)
        .end(body.encode())
        .onComplete(
            v -> {
              if (unread) {
                LingeringClose.after(ctx.request(), ctx.vertx());
              }
            });
  }
}
