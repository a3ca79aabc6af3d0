package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonObject;

/**
 * A Server API v4 error: the real business code, the HTTP status it travels with, and a message
 * that names the input and the fix (never a secret). On the wire it is {@code {"code":N,
 * "errorMessage":"..."}}, the two fields the vendor's generated clients read from an error body.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Bad parameter. */
  static final int BAD_PARAMETER = 1002;

  /** Signature check failed. */
  static final int SIGNATURE = 1004;

  /** A parameter is too long. */
  static final int TOO_LONG = 1005;

  /** Rate limited. */
  static final int RATE_LIMITED = 1008;

  private final int code;
  private final int httpStatus;

  ApiError(int code, int httpStatus, String message) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  static ApiError badParameter(String message) {
    return new ApiError(BAD_PARAMETER, 400, message);
  }

  /** A refused signature: HTTP 401, code 1004. */
  static ApiError signature(String message) {
    return new ApiError(SIGNATURE, 401, message);
  }

  int code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  /** The error body as the vendor's clients parse it. */
  JsonObject body() {
    return new JsonObject().put("code", code).put("errorMessage", getMessage());
  }
}
