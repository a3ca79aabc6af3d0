package dev.nexconn.exporter;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Vert.x instance of a command, on Netty's native epoll transport where it loads (Linux
 * x86-64, as in the image) and on NIO elsewhere. An idle probe connection on epoll holds no {@code
 * java.nio} {@code SocketChannel}, selection key or socket adaptor, which is about a tenth of its
 * heap (docs/benchmarks.md, memory per probe). {@code -Dnexconn.nativeTransport=false} forces NIO.
 * {@link #create} logs which one runs: {@code transport=epoll}, or {@code transport=nio} with the
 * reason.
 */
final class VertxRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(VertxRuntime.class);

  private VertxRuntime() {}

  static Vertx create() {
    boolean preferNative =
        Boolean.parseBoolean(System.getProperty("nexconn.nativeTransport", "true"));
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(preferNative));
    String name =
        vertx.isNativeTransportEnabled()
            ? Transport.nativeTransport().name()
            : Transport.NIO.name();
    Throwable why = vertx.unavailableNativeTransportCause();
    if (vertx.isNativeTransportEnabled()) {
      LOG.atInfo().addKeyValue("transport", name).log("network transport");
    } else if (!preferNative) {
      LOG.atInfo()
          .addKeyValue("transport", name)
          .addKeyValue("reason", "-Dnexconn.nativeTransport=false")
          .log("network transport");
    } else {
      LOG.atInfo()
          .addKeyValue("transport", name)
          .addKeyValue("reason", why == null ? "unavailable" : why.toString())
          .log("network transport: the native transport did not load, NIO works the same");
    }
    return vertx;
  }
}
