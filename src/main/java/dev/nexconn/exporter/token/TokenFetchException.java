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
}
