package dev.nexconn.exporter.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the read-only status page at {@code GET /}: one self-contained HTML file from the jar that
 * polls {@code /metrics} and {@code /api/v1/*} and draws its charts on canvases. The page loads
 * nothing from elsewhere, and the Content-Security-Policy header makes browsers enforce that.
 *
 * <pre>{@code
 * router.get("/").handler(new StatusPageHandler());
 * }</pre>
 */
public final class StatusPageHandler implements Handler<RoutingContext> {
  static final String RESOURCE = "/dev/nexconn/exporter/http/status-page.html";
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
          + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
          + "frame-ancestors 'none'";

  private final Buffer page;

  /** Reads the page from the class path once. */
  public StatusPageHandler() {
    try (InputStream in = StatusPageHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("status page resource " + RESOURCE + " is missing");
      }
      this.page = Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .end(page);
  }
}
