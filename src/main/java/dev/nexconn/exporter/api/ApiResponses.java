package dev.nexconn.exporter.api;

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

  private ApiResponses() {}

  /** The error body. */
  public static JsonObject errorBody(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  /** Answers {@code status} with the error body. */
  public static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, errorBody(code, message));
  }

  /** Answers {@code status} with {@code body} as JSON, not cached; no-op when already answered. */
  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
