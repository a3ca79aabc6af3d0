package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

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
  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * {@code failure} as a fetch failure naming {@code endpoint} and where it was asked ({@code url}
   * without user info, query or fragment, which may carry credentials) when the endpoint did not
   * answer in time or could not be reached: a token server that is down refuses the connection, and
   * the operator needs to know which address to check. Any other failure is returned as it is.
   */
  static <T> Future<T> unreachableNamed(
      Throwable failure, String endpoint, URI url, Duration timeout) {
    String where = endpoint + " at " + safe(url);
    if (failure instanceof TimeoutException
        || failure instanceof io.netty.channel.ConnectTimeoutException
        || String.valueOf(failure.getMessage()).contains("timeout period")) {
      return Future.failedFuture(unanswered(endpoint, url, timeout, failure));
    }
    if (failure instanceof ConnectException) {
      return Future.failedFuture(
          new TokenFetchException(
              where
                  + " refused the connection: check that the token server is up and listening"
                  + " there (token.url)",
              failure));
    }
    if (failure instanceof io.vertx.core.http.HttpClosedException) {
      return Future.failedFuture(
          new TokenFetchException(
              where + " closed the connection before answering: check that it is up", failure));
    }
    if (failure instanceof UnknownHostException) {
      return Future.failedFuture(
          new TokenFetchException(
              where + " is not a known host name: check token.url and the DNS", failure));
    }
    if (failure instanceof java.io.IOException) {
      return Future.failedFuture(
          new TokenFetchException(
              where
                  + " could not be reached ("
                  + failure.getClass().getSimpleName()
                  + "): check that it is up and reachable",
              failure));
    }
    return Future.failedFuture(failure);
  }

  /** {@code endpoint} at {@code url} did not answer within {@code timeout}. */
  static TokenFetchException unanswered(String endpoint, URI url, Duration timeout) {
    return unanswered(endpoint, url, timeout, null);
  }

  private static TokenFetchException unanswered(
      String endpoint, URI url, Duration timeout, Throwable cause) {
    return new TokenFetchException(
        endpoint
            + " at "
            + safe(url)
            + " did not answer within "
            + timeout.toMillis()
            + " ms: check that it is up and reachable",
        cause);
  }

  /** {@code scheme://host:port/path}: nothing of the URL that may hold a credential. */
  static String safe(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme() + "://" + url.getHost() + port + path;
  }
}
