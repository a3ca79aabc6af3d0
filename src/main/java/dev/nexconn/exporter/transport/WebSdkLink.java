package dev.nexconn.exporter.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One probe slot in the Web SDK driver, seen by the engine as a socket speaking protocol v1. The
 * engine's {@code connect} frame becomes the driver's {@code open} (a worker thread with its own
 * SDK instance); the SDK's events come back as frames: {@code CONNECTED} as {@code connack 0},
 * {@code DISCONNECT}/{@code SUSPEND} before that as a refusing {@code connack} with the SDK's code,
 * after it as a server {@code disconnect}; a worker or driver that dies closes the link with 1006.
 * The engine's heartbeat pings reach the probe's worker and come back as pongs, so a wedged worker
 * misses them. Events are delivered on the context that opened the link.
 */
final class WebSdkLink implements UpstreamLink {
  private static final LinkListener NO_LISTENER =
      new LinkListener() {
        @Override
        public void onFrame(Frame frame) {}

        @Override
        public void onClosed(int code) {}

        @Override
        public void onProtocolError(FrameCodecException error) {}
      };

  private final String id;
  private final Context context;
  private final WebSdkDriverTransport transport;
  private final WebSdkDriverProcess driver;
  private volatile LinkListener listener = NO_LISTENER;
  private boolean opened;
  private boolean connected;
  private boolean closed;

  WebSdkLink(
      String id, Context context, WebSdkDriverTransport transport, WebSdkDriverProcess driver) {
    this.id = id;
    this.context = context;
    this.transport = transport;
    this.driver = driver;
  }

  String id() {
    return id;
  }

  WebSdkDriverProcess driver() {
    return driver;
  }

  @Override
  public Future<Void> send(Frame frame) {
    JsonObject cmd;
    if (frame instanceof Frame.Connect c) {
      cmd =
          new JsonObject()
              .put("cmd", "open")
              .put("id", id)
              .put("appKey", transport.options().appKey())
              .put("navigators", new JsonArray(transport.options().navigators()))
              .put("token", c.token());
      opened = true;
    } else if (frame instanceof Frame.Ping p) {
      cmd = new JsonObject().put("cmd", "ping").put("id", id).put("seq", p.id());
    } else if (frame instanceof Frame.Disconnect) {
      return close();
    } else {
      // Pong and connack are server frames; the driver has nothing to do with them.
      return Future.succeededFuture();
    }
    if (closed || !driver.send(cmd)) {
      return Future.failedFuture("web-sdk driver link " + id + " is closed");
    }
    return Future.succeededFuture();
  }

  @Override
  public void listener(LinkListener l) {
    listener = l;
  }

  @Override
  public Future<Void> close() {
    context.runOnContext(
        v -> {
          if (!closed && opened) {
            driver.send(new JsonObject().put("cmd", "close").put("id", id));
          }
          closedWith(1000);
        });
    return Future.succeededFuture();
  }

  /** An event for this probe from the driver's stdout (reader thread). */
  void onDriverEvent(JsonObject event) {
    context.runOnContext(v -> handle(event));
  }

  /** The driver process ended or was killed: every link it held drops. */
  void onDriverGone() {
    context.runOnContext(v -> closedWith(1006));
  }

  private void handle(JsonObject event) {
    if (closed) {
      return;
    }
    String ev = event.getString("ev", "");
    switch (ev) {
      case "CONNECTED" -> {
        connected = true;
        listener.onFrame(new Frame.ConnAck(ProtocolCodes.OK, event.getString("userId", ""), id));
      }
      case "DISCONNECT", "SUSPEND" -> {
        int code = event.getInteger("code", 0);
        if (connected) {
          listener.onFrame(new Frame.Disconnect(code, "web sdk " + ev));
        } else {
          listener.onFrame(new Frame.ConnAck(code, null, null));
        }
        if (!closed) {
          driver.send(new JsonObject().put("cmd", "close").put("id", id));
          closedWith(1000);
        }
      }
      case "PONG" -> listener.onFrame(new Frame.Pong(event.getLong("seq", 0L)));
      case "WORKER_EXIT" -> closedWith(1006);
      case "CLOSED" -> closedWith(1000);
      case "ERROR" ->
          // The driver's message names the command's fault and never echoes a token.
          listener.onProtocolError(
              new FrameCodecException(
                  FrameFault.DRIVER_ERROR,
                  "web-sdk driver: " + event.getString("message", "error")));
      default -> {}
    }
  }

  private void closedWith(int code) {
    if (closed) {
      return;
    }
    closed = true;
    transport.forget(this);
    listener.onClosed(code);
  }
}
