package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks Server API request bodies against the field names, types and limits of the
 * vendor's definition; every refusal is an {@link ApiError} that names the field and the fix.
 */
final class ServerApiRequests {
  /** Longest user id (prose docs; longer is code 1005). */
  static final int MAX_USER_ID_CHARS = 64;

  private ServerApiRequests() {}

  static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // answered by the 1002 below
    }
    throw ApiError.badParameter("body must be a JSON object");
  }

  static String userId(JsonObject body, String field) {
    return checkUserId(body.getValue(field), field);
  }

  /** A required string field (any length the definition allows). */
  static String requiredString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw ApiError.badParameter(field + " is required and must be a non-empty string");
    }
    return s;
  }

  /** An optional string field: absent is fine, any other type is a bad parameter. */
  static void optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ApiError.badParameter(field + " must be a string when given");
    }
  }

  /** An optional integer field of at least 1, {@code fallback} when absent. */
  static int optionalPositiveInt(JsonObject body, String field, int fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer i) || i < 1) {
      throw ApiError.badParameter(field + " must be an integer of at least 1 when given");
    }
    return i;
  }

  static List<String> userIds(JsonObject body, int max) {
    return userIds(body, "userIds", max);
  }

  /** A non-empty array of user ids in {@code field}, at most {@code max}. */
  static List<String> userIds(JsonObject body, String field, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ApiError.badParameter(field + " must be a non-empty array of user ids");
    }
    if (array.size() > max) {
      throw ApiError.badParameter(
          field + " has " + array.size() + " entries: at most " + max + " per request");
    }
    List<String> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ids.add(checkUserId(array.getValue(i), field + "[" + i + "]"));
    }
    return ids;
  }

  private static String checkUserId(Object value, String field) {
    if (!(value instanceof String id) || id.isBlank()) {
      throw ApiError.badParameter(field + " must be a non-empty string");
    }
    if (id.length() > MAX_USER_ID_CHARS) {
      throw new ApiError(
          ApiError.TOO_LONG, 400, field + " must be at most " + MAX_USER_ID_CHARS + " characters");
    }
    return id;
  }
}
