package dev.nexconn.exporter.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP CONNECT proxy on loopback for transport tests: it tunnels to the requested host,
 * or, when {@code refuse} is set, answers {@code 403} like a proxy whose policy forbids the target.
 */
public final class ConnectProxy {
  private final Vertx vertx;
  private final boolean refuse;
  private final AtomicInteger tunnels = new AtomicInteger();
  private NetServer server;

  public ConnectProxy(Vertx vertx, boolean refuse) {
    this.vertx = vertx;
    this.refuse = refuse;
  }

  /** Starts listening on an ephemeral loopback port. */
  public Future<Integer> start() {
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(0, "127.0.0.1").map(NetServer::actualPort);
  }

  /** Tunnels opened so far. */
  public int tunnels() {
    return tunnels.get();
  }

  private void accept(NetSocket client) {
    Buffer head = Buffer.buffer();
    client.pause();
    client.handler(
        chunk -> {
          head.appendBuffer(chunk);
          String text = head.toString(StandardCharsets.ISO_8859_1);
          int end = text.indexOf("\r\n\r\n");
          if (end < 0) {
            return;
          }
          client.handler(null);
          client.pause();
          String[] request = text.substring(0, text.indexOf("\r\n")).split(" ");
          if (refuse || request.length < 2 || !request[0].equals("CONNECT")) {
            client
                .write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                .onComplete(ar -> client.close());
            return;
          }
          String[] target = request[1].split(":");
          vertx
              .createNetClient()
              .connect(Integer.parseInt(target[1]), target[0])
              .onFailure(
                  err ->
                      client
                          .write("HTTP/1.1 502 Bad Gateway\r\n\r\n")
                          .onComplete(ar -> client.close()))
              .onSuccess(
                  upstream -> {
                    tunnels.incrementAndGet();
                    client.write("HTTP/1.1 200 Connection established\r\n\r\n");
                    Buffer rest = head.getBuffer(end + 4, head.length());
                    if (rest.length() > 0) {
                      upstream.write(rest);
                    }
                    client.pipeTo(upstream);
                    upstream.pipeTo(client);
                  });
        });
    client.resume();
  }
}
