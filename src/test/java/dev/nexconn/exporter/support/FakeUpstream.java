package dev.nexconn.exporter.support;

import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodecException;
import dev.nexconn.exporter.transport.LinkListener;
import dev.nexconn.exporter.transport.ProtocolCodes;
import dev.nexconn.exporter.transport.UpstreamLink;
import dev.nexconn.exporter.transport.UpstreamTransport;
import dev.nexconn.exporter.transport.UpstreamUnreachableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scriptable upstream for engine state-machine tests. By default every open succeeds and every
 * connect is answered {@code connack 0}; a test queues other outcomes ({@link #failNextOpens},
 * {@link #answerNextConnects}), withholds answers ({@link #silent}, {@link #dropPongs}), and pushes
 * server frames or a drop into the live link.
 */
public final class FakeUpstream implements UpstreamTransport {
  /** How the next open ends. */
  public enum OpenOutcome {
    OK,
    UNREACHABLE,
    PROXY_REFUSED
  }

  private final Deque<OpenOutcome> opens = new ArrayDeque<>();
  private final Deque<Integer> connAcks = new ArrayDeque<>();
  private final List<Frame> sent = new CopyOnWriteArrayList<>();
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean silent;
  private volatile boolean dropPongs;

  /** The next {@code n} opens end with {@code outcome}. */
  public synchronized FakeUpstream failNextOpens(int n, OpenOutcome outcome) {
    for (int i = 0; i < n; i++) {
      opens.add(outcome);
    }
    return this;
  }

  /** The next connects are answered with these codes, in order. */
  public synchronized FakeUpstream answerNextConnects(Integer... codes) {
    connAcks.addAll(List.of(codes));
    return this;
  }

  /** Whether connects go unanswered. */
  public FakeUpstream silent(boolean on) {
    silent = on;
    return this;
  }

  /** Whether pings go unanswered. */
  public FakeUpstream dropPongs(boolean on) {
    dropPongs = on;
    return this;
  }

  /** Every frame the client sent, in order. */
  public List<Frame> sent() {
    return sent;
  }

  /** Connect frames the client sent. */
  public List<Frame.Connect> connects() {
    return sent.stream()
        .filter(f -> f instanceof Frame.Connect)
        .map(f -> (Frame.Connect) f)
        .toList();
  }

  /** Links opened so far. */
  public int opened() {
    return links.size();
  }

  /** The server sends {@code frame} on the newest link. */
  public void serverSends(Frame frame) {
    Link l = links.get(links.size() - 1);
    l.reply(frame);
  }

  /** The newest link reports a message it could not decode, as a link does for a bad frame. */
  public void serverSendsMalformed(FrameCodecException error) {
    links.get(links.size() - 1).malformed(error);
  }

  /** The server drops the newest link abruptly. */
  public void serverDrops() {
    links.get(links.size() - 1).close();
  }

  @Override
  public synchronized Future<UpstreamLink> open() {
    OpenOutcome outcome = opens.isEmpty() ? OpenOutcome.OK : opens.poll();
    if (outcome == OpenOutcome.UNREACHABLE) {
      return Future.failedFuture(
          new UpstreamUnreachableException("connection refused", false, null));
    }
    if (outcome == OpenOutcome.PROXY_REFUSED) {
      return Future.failedFuture(
          new UpstreamUnreachableException("proxy refused CONNECT", true, null));
    }
    Link l = new Link(Vertx.currentContext());
    links.add(l);
    return Future.succeededFuture(l);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private synchronized Integer nextConnAck() {
    return connAcks.isEmpty() ? ProtocolCodes.OK : connAcks.poll();
  }

  private final class Link implements UpstreamLink {
    private final Context context;
    private LinkListener listener;
    private boolean open = true;

    Link(Context context) {
      this.context = context;
    }

    @Override
    public Future<Void> send(Frame frame) {
      if (!open) {
        return Future.failedFuture("closed");
      }
      sent.add(frame);
      if (frame instanceof Frame.Connect && !silent) {
        int code = nextConnAck();
        reply(new Frame.ConnAck(code, code == 0 ? "user-from-server" : null, null));
      } else if (frame instanceof Frame.Ping p && !dropPongs) {
        reply(new Frame.Pong(p.id()));
      }
      return Future.succeededFuture();
    }

    private void reply(Frame f) {
      context.runOnContext(
          v -> {
            if (listener != null) {
              listener.onFrame(f);
            }
          });
    }

    private void malformed(FrameCodecException e) {
      context.runOnContext(
          v -> {
            if (listener != null && open) {
              listener.onProtocolError(e);
            }
          });
    }

    @Override
    public void listener(LinkListener listener) {
      this.listener = listener;
    }

    @Override
    public Future<Void> close() {
      context.runOnContext(
          v -> {
            if (open) {
              open = false;
              if (listener != null) {
                listener.onClosed(1006);
              }
            }
          });
      return Future.succeededFuture();
    }
  }
}
