package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.nio.file.Path;

/**
 * Reads the token from a file, such as a mounted Kubernetes Secret, and reads it again whenever the
 * file's modification time or size changes (Secret updates replace the file).
 */
public final class FileTokenProvider implements TokenProvider {
  private final Vertx vertx;
  private final Path file;
  private volatile Cached cached;

  private record Cached(long modified, long size, String token) {}

  public FileTokenProvider(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  @Override
  public Future<String> token(String userId, boolean refresh) {
    String path = file.toString();
    return vertx
        .fileSystem()
        .props(path)
        .compose(
            (FileProps props) -> {
              Cached c = cached;
              if (c != null
                  && c.modified() == props.lastModifiedTime()
                  && c.size() == props.size()) {
                return Future.succeededFuture(c.token());
              }
              return vertx
                  .fileSystem()
                  .readFile(path)
                  .compose(
                      buf -> {
                        String token = buf.toString().trim();
                        if (token.isEmpty()) {
                          return Future.failedFuture(
                              new TokenFetchException("token file " + path + " is empty"));
                        }
                        cached = new Cached(props.lastModifiedTime(), props.size(), token);
                        return Future.succeededFuture(token);
                      });
            })
        .recover(
            err ->
                Future.failedFuture(
                    err instanceof TokenFetchException
                        ? err
                        : new TokenFetchException(
                            "cannot read token file " + path + ": " + err.getMessage())));
  }
}
