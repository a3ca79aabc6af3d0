package dev.nexconn.exporter.engine;

/** The seed's {@code databaseOpenedHandler}; runs on the connection's Vert.x context. */
@FunctionalInterface
public interface DatabaseOpenedHandler {
  /**
   * The local database is ready ({@code error == null}) or failed.
   *
   * @param recreated true when the database was rebuilt and local data cleared
   * @param error {@code null} on success
   */
  void opened(boolean recreated, ConnectError error);
}
