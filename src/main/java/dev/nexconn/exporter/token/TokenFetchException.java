package dev.nexconn.exporter.token;

/** A token could not be obtained. The message never contains a token or secret. */
public final class TokenFetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TokenFetchException(String message) {
    super(message);
  }

  public TokenFetchException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A token endpoint that accepts the connection but never answers would hold a probe in {@code
   * connecting} forever; every fetch gives up after this long without a byte (connect or idle).
   */
  static final java.time.Duration FETCH_TIMEOUT = java.time.Duration.ofSeconds(10);

  /** {@code failure} as a fetch failure naming {@code endpoint} when it is a timeout. */
  static <T> io.vertx.core.Future<T> timeoutNamed(
      Throwable failure, String endpoint, java.time.Duration timeout) {
    if (failure instanceof java.util.concurrent.TimeoutException
        || String.valueOf(failure.getMessage()).contains("timeout period")) {
      return io.vertx.core.Future.failedFuture(
          new TokenFetchException(
              endpoint
                  + " did not answer within "
                  + timeout.toMillis()
                  + " ms: check that it is up and reachable",
              failure));
    }
    return io.vertx.core.Future.failedFuture(failure);
  }
}
