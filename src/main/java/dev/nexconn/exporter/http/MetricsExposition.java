package dev.nexconn.exporter.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Renders {@code /metrics} on a worker so that scrapes cost the sidecar one render per burst, not
 * one per scraper. A scrape that arrives while no render runs starts one; scrapes that arrive while
 * a render runs wait for the next one, which starts when the running one ends and serves all of
 * them. So every answer was rendered after its request arrived (a test that counts an event and
 * then scrapes sees it), and 100 concurrent scrapers cost at most two renders per burst. With a TTL
 * above zero a render is also served again to scrapes that arrive within the TTL of its start. The
 * gzip form is compressed once per render, when the first scraper asks for it. {@link
 * HttpServerVerticle} holds one, shared by all its instances.
 */
final class MetricsExposition {
  /** Writes the exposition in {@code contentType} to {@code out}. */
  @FunctionalInterface
  interface Renderer {
    void render(String contentType, ByteArrayOutputStream out) throws IOException;
  }

  private final Renderer renderer;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  MetricsExposition(Renderer renderer, Duration ttl, LongSupplier nanoTime) {
    this.renderer = renderer;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A render of {@code contentType} that started at or after this call (or within the TTL). */
  Future<Rendered> render(Vertx vertx, String contentType) {
    return slots.computeIfAbsent(contentType, Slot::new).request(vertx);
  }

  /**
   * One rendered exposition; {@link #gzip} compresses it once, on a worker. Its bytes are written
   * to every scrape it answers as they are: {@link #buffer} wraps them without a copy, and Vert.x
   * writes each response from its own slice, so 100 scrapers of one render cost no 100 copies of it
   * on the event loop (at 19,000 probes a copy was 241 KB, half of the sidecar's allocation in the
   * scrape benchmark).
   */
  static final class Rendered {
    private final byte[] bytes;
    private final int length;
    private final Buffer buffer;
    private final long startedNanos;
    private Future<Buffer> gzip;

    Rendered(byte[] bytes, int length, long startedNanos) {
      this.bytes = bytes;
      this.length = length;
      this.buffer = BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
      this.startedNanos = startedNanos;
    }

    /** A copy of the exposition's bytes. */
    byte[] body() {
      return java.util.Arrays.copyOf(bytes, length);
    }

    /** The exposition, shared by every scrape it answers; never modified. */
    Buffer buffer() {
      return buffer;
    }

    /** The exposition gzip-compressed, computed by the first caller and shared. */
    synchronized Future<Buffer> gzip(Vertx vertx) {
      if (gzip == null) {
        gzip =
            vertx.executeBlocking(
                () -> {
                  byte[] z = compress(bytes, length);
                  return (Buffer) BufferInternal.buffer(Unpooled.wrappedBuffer(z));
                },
                false);
      }
      return gzip;
    }

    /**
     * gzip at zlib's fastest level: the exposition repeats itself so much that level 1 still
     * shrinks it fifteenfold (241 KB to 16 KB at 19,000 probes; 18x at the default level 6),
     * docs/benchmarks.md section 3.
     */
    static byte[] compress(byte[] body, int length) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 6));
      try (GZIPOutputStream z =
          new GZIPOutputStream(out, 8192) {
            {
              def.setLevel(Deflater.BEST_SPEED);
            }
          }) {
        z.write(body, 0, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }

  /** A stream whose bytes {@link Rendered} takes as they are, without the copy of toByteArray. */
  private static final class RenderBuffer extends ByteArrayOutputStream {
    RenderBuffer(int size) {
      super(size);
    }

    Rendered rendered(long startedNanos) {
      return new Rendered(buf, count, startedNanos);
    }
  }

  /** The render state of one content type. */
  private final class Slot {
    private final String contentType;
    private Rendered last;

    /** The last render's size, so the next one's buffer rarely grows (each growth is a copy). */
    private volatile int lastLength = 64 * 1024;

    private Promise<Rendered> running;
    private Promise<Rendered> next;

    Slot(String contentType) {
      this.contentType = contentType;
    }

    Future<Rendered> request(Vertx vertx) {
      Promise<Rendered> start;
      synchronized (this) {
        if (ttlNanos > 0 && last != null && nanoTime.getAsLong() - last.startedNanos <= ttlNanos) {
          return Future.succeededFuture(last);
        }
        if (running != null) {
          // The running render may have started before this scrape arrived: wait for the next.
          if (next == null) {
            next = Promise.promise();
          }
          return next.future();
        }
        running = Promise.promise();
        start = running;
      }
      run(vertx, start);
      return start.future();
    }

    private void run(Vertx vertx, Promise<Rendered> promise) {
      long started = nanoTime.getAsLong();
      vertx
          .executeBlocking(
              () -> {
                RenderBuffer out = new RenderBuffer(lastLength + lastLength / 8);
                renderer.render(contentType, out);
                lastLength = out.size();
                return out.rendered(started);
              },
              false)
          .onComplete(ar -> finished(vertx, promise, ar));
    }

    private void finished(Vertx vertx, Promise<Rendered> done, AsyncResult<Rendered> ar) {
      Promise<Rendered> following;
      synchronized (this) {
        if (ar.succeeded()) {
          last = ar.result();
        }
        following = next;
        next = null;
        running = following;
      }
      done.handle(ar);
      if (following != null) {
        run(vertx, following);
      }
    }
  }
}
