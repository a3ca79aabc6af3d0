package dev.nexconn.exporter.engine;

/**
 * The seed's {@code completionHandler}: fires once per {@code connect}, on the connection's Vert.x
 * context, after the database-opened callback.
 */
@FunctionalInterface
public interface CompletionHandler {
  /**
   * The connect succeeded ({@code userId != null, error == null}) or ended without a connection.
   */
  void completed(String userId, ConnectError error);
}
