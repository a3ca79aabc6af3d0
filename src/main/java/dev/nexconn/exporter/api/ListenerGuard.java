package dev.nexconn.exporter.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link ListenerLimits} to one listener. Vert.x has an idle timeout but no header or body
 * timeout and no connection cap, and its idle timeout would cut a quiet WebSocket, so the guard
 * keeps a small state per connection instead: a deadline for the request headers (from accept, or
 * from the end of the previous response), a deadline for the body, and a count of open connections.
 * A connection past a deadline is closed and counted; so is one over the cap, at accept. A request
 * with a URI that is not valid percent-encoding or an HTTP/1.1 request without {@code Host} is
 * answered 400 here, before any handler can fail on it. A response sent before its request's body
 * was read (a 401 or 413) closes the connection rather than reading a body nobody wants.
 *
 * <pre>{@code
 * ListenerGuard guard = new ListenerGuard(vertx, "sidecar", ListenerLimits.DEFAULT);
 * guard.server(new io.vertx.core.http.HttpServerOptions(), router).listen(9464, "0.0.0.0");
 * }</pre>
 *
 * <p>Connections are told apart by their remote address, which is unique per open TCP connection.
 */
public final class ListenerGuard {
  /** Why the guard closed a connection (the {@code reason} label of its counter). */
  public enum Cut {
    OVER_CAPACITY("over_capacity"),
    HEADER_TIMEOUT("header_timeout"),
    BODY_TIMEOUT("body_timeout"),
    IDLE_TIMEOUT("idle_timeout"),
    BAD_REQUEST("bad_request");

    private final String label;

    Cut(String label) {
      this.label = label;
    }

    /** The metric label value. */
    public String label() {
      return label;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ListenerGuard.class);

  private final Vertx vertx;
  private final String name;
  private final ListenerLimits limits;
  private final LongSupplier nanoTime;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<Cut, LongAdder> cuts = new EnumMap<>(Cut.class);
  private final Map<String, Conn> connections = new ConcurrentHashMap<>();

  public ListenerGuard(Vertx vertx, String name, ListenerLimits limits) {
    this(vertx, name, limits, System::nanoTime);
  }

  public ListenerGuard(Vertx vertx, String name, ListenerLimits limits, LongSupplier nanoTime) {
    this.vertx = vertx;
    this.name = name;
    this.limits = limits;
    this.nanoTime = nanoTime;
    for (Cut c : Cut.values()) {
      cuts.put(c, new LongAdder());
    }
  }

  /** A server with the guard's connection handler and {@code handler} behind its request checks. */
  public HttpServer server(HttpServerOptions options, Handler<HttpServerRequest> handler) {
    // Without h2c detection a connection is HTTP/1.1 from accept, so the guard sees it (and its
    // header deadline starts) before the client sends a byte; no listener here speaks h2c.
    return vertx
        .createHttpServer(new HttpServerOptions(options).setHttp2ClearTextEnabled(false))
        .connectionHandler(this::accepted)
        .requestHandler(req -> request(req, handler));
  }

  /** Wraps a WebSocket handshake handler: an upgraded connection leaves the HTTP timeouts. */
  public Handler<ServerWebSocketHandshake> webSockets(Handler<ServerWebSocketHandshake> handler) {
    return hs -> {
      Conn c = connections.get(String.valueOf(hs.remoteAddress()));
      if (c != null) {
        c.upgraded = true;
        vertx.cancelTimer(c.timer);
      }
      handler.handle(hs);
    };
  }

  /** Closes a connection whose request body was refused unread ({@link LingeringClose}). */
  public static void closeUnread(HttpServerRequest request, Vertx vertx) {
    LingeringClose.after(request, vertx);
  }

  /** See {@link ApiResponses#bodyUnread}; here for the emulator, which uses no other API class. */
  public static boolean bodyUnread(HttpServerRequest request) {
    return ApiResponses.bodyUnread(request);
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  /** Connections closed for {@code cut} since start. */
  public long cuts(Cut cut) {
    return cuts.get(cut).sum();
  }

  /** The listener's name, for logs and metric labels. */
  public String name() {
    return name;
  }

  /** The limits in force. */
  public ListenerLimits limits() {
    return limits;
  }

  private void accepted(HttpConnection connection) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      count(Cut.OVER_CAPACITY, connection);
      connection.close();
      return;
    }
    if (connection instanceof ConnectionBase base
        && base.channel().pipeline().get("handler") != null) {
      // Vert.x internals: the only way to answer an undecodable body before Vert.x drops it.
      base.channel()
          .pipeline()
          .addBefore(
              "handler",
              BadBodyAnswer.NAME,
              new BadBodyAnswer(() -> count(Cut.BAD_REQUEST, connection)));
    }
    String key = String.valueOf(connection.remoteAddress());
    Conn c = new Conn(connection, deadline(limits.headerTimeout().toMillis()), Cut.HEADER_TIMEOUT);
    connections.put(key, c);
    Runnable closed =
        () -> {
          if (connections.remove(key, c)) {
            open.decrementAndGet();
          }
          vertx.cancelTimer(c.timer);
        };
    if (connection instanceof ConnectionBase base) {
      // The channel, not the HTTP connection: after a WebSocket upgrade Vert.x no longer calls the
      // HTTP connection's close handler, and every upgraded connection stayed counted as open.
      base.channel().closeFuture().addListener(f -> closed.run());
    } else {
      connection.closeHandler(v -> closed.run());
    }
    c.timer = vertx.setPeriodic(limits.tickMillis(), id -> tick(c));
  }

  private void request(HttpServerRequest req, Handler<HttpServerRequest> handler) {
    Conn c = connections.get(String.valueOf(req.connection().remoteAddress()));
    if (c != null) {
      c.current = req;
      c.deadline = deadline(limits.bodyTimeout().toMillis());
    }
    String problem = problem(req);
    if (problem != null) {
      count(Cut.BAD_REQUEST, req.connection());
      req.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .putHeader("Connection", "close")
          .end(ApiResponses.errorBody("bad_request", problem).encode())
          .onComplete(v -> req.connection().close());
      return;
    }
    handler.handle(req);
  }

  /** What is wrong with the request line or headers, or null. */
  static String problem(HttpServerRequest req) {
    if (req.version() == HttpVersion.HTTP_1_1 && req.headers().get("Host") == null) {
      return "HTTP/1.1 requests must carry a Host header (RFC 9112, section 3.2)";
    }
    String bad = UriText.badPercentEncoding(req.uri());
    return bad == null
        ? null
        : "the request URI has bad percent-encoding at "
            + bad
            + ": encode '%' as %25 and every other reserved byte as %XX (two hex digits)";
  }

  private void tick(Conn c) {
    if (c.upgraded) {
      vertx.cancelTimer(c.timer);
      return;
    }
    long now = nanoTime.getAsLong();
    HttpServerRequest req = c.current;
    if (req == null) {
      if (now - c.deadline > 0) {
        cut(c, c.waiting);
      }
      return;
    }
    if (!req.isEnded()) {
      if (req.response().ended() && ApiResponses.bodyUnread(req)) {
        // Answered before the body was read (401, 413...): close instead of reading it.
        LingeringClose.after(req, vertx);
        c.current = null;
        c.waiting = Cut.IDLE_TIMEOUT;
        c.deadline = deadline(limits.idleTimeout().toMillis());
        return;
      } else if (now - c.deadline > 0) {
        cut(c, Cut.BODY_TIMEOUT);
      }
    }
    if (req.response().ended() && (req.isEnded() || !ApiResponses.bodyUnread(req))) {
      c.current = null;
      c.waiting = Cut.IDLE_TIMEOUT;
      c.deadline = deadline(limits.idleTimeout().toMillis());
    }
  }

  private void cut(Conn c, Cut why) {
    vertx.cancelTimer(c.timer);
    count(why, c.connection);
    c.connection.close();
  }

  private void count(Cut why, HttpConnection connection) {
    cuts.get(why).increment();
    LOG.atDebug()
        .addKeyValue("event", "connection_cut")
        .addKeyValue("listener", name)
        .addKeyValue("reason", why.label())
        .addKeyValue("remote", connection.remoteAddress())
        .log();
  }

  private long deadline(long millis) {
    return nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** One open connection; touched only on its own event loop. */
  private static final class Conn {
    final HttpConnection connection;
    volatile long deadline;
    volatile Cut waiting;
    volatile HttpServerRequest current;
    volatile boolean upgraded;
    volatile long timer = -1;

    Conn(HttpConnection connection, long deadline, Cut waiting) {
      this.connection = connection;
      this.deadline = deadline;
      this.waiting = waiting;
    }
  }
}
