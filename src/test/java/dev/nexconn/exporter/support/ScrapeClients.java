package dev.nexconn.exporter.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code n} scrapers that each keep one HTTP/1.1 connection open, as each Prometheus server keeps
 * one to its target, all driven by one thread through one selector. A burst writes every scraper's
 * {@code GET} at the same moment and times each answer from its request's write to the last byte of
 * its body. One thread reading with one reused buffer costs the measuring side far less than a JDK
 * client per scraper (each with its own selector thread and copies of the body), so on a machine
 * shared with the sidecar the latency measured is the sidecar's.
 *
 * <pre>{@code
 * try (ScrapeClients c = ScrapeClients.open(URI.create("http://127.0.0.1:9464/metrics"), 100)) {
 *   ScrapeClients.Answer[] a = c.burst(true, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ScrapeClients implements AutoCloseable {
  /** One scraper's answer: latency, status, whether it came gzip-encoded, body length. */
  public record Answer(long micros, int status, boolean gzip, int bodyBytes, byte[] body) {}

  private final Selector selector;
  private final SocketChannel[] channels;
  private final String host;
  private final String path;
  private final ByteBuffer read = ByteBuffer.allocateDirect(256 * 1024);
  private final byte[] copy = new byte[256 * 1024];

  private ScrapeClients(Selector selector, SocketChannel[] channels, String host, String path) {
    this.selector = selector;
    this.channels = channels;
    this.host = host;
    this.path = path;
  }

  /** Opens {@code n} connections to {@code uri}'s host and port; scrapes go to its path. */
  public static ScrapeClients open(URI uri, int n) throws IOException {
    Selector selector = Selector.open();
    SocketChannel[] channels = new SocketChannel[n];
    try {
      for (int i = 0; i < n; i++) {
        SocketChannel c = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        c.configureBlocking(false);
        channels[i] = c;
      }
    } catch (IOException e) {
      for (SocketChannel c : channels) {
        if (c != null) {
          c.close();
        }
      }
      selector.close();
      throw e;
    }
    return new ScrapeClients(
        selector, channels, uri.getHost() + ":" + uri.getPort(), uri.getPath());
  }

  /**
   * One scrape on every connection, all requests written before any answer is read; the answers in
   * connection order. Only the first connection's body is kept ({@link Answer#body}), for checks of
   * its content. Fails on a connection closed mid-answer, an answer without {@code Content-Length},
   * or no complete answer within {@code timeout}.
   */
  public Answer[] burst(boolean gzip, Duration timeout) throws IOException {
    byte[] request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nUser-Agent: nexconn-bench-scraper\r\n"
                + (gzip ? "Accept-Encoding: gzip\r\n" : "")
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    Reading[] states = new Reading[channels.length];
    for (int i = 0; i < channels.length; i++) {
      states[i] = new Reading(i == 0);
      channels[i].register(selector, SelectionKey.OP_READ, states[i]);
    }
    for (int i = 0; i < channels.length; i++) {
      ByteBuffer out = ByteBuffer.wrap(request);
      states[i].sentNanos = System.nanoTime();
      while (out.hasRemaining()) {
        if (channels[i].write(out) == 0) {
          Thread.onSpinWait();
        }
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int done = 0;
    while (done < channels.length) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new IOException(
            (channels.length - done)
                + " of "
                + channels.length
                + " scrapes unanswered after "
                + timeout);
      }
      selector.select(left);
      for (SelectionKey key : selector.selectedKeys()) {
        Reading s = (Reading) key.attachment();
        if (s.finish(((SocketChannel) key.channel()))) {
          key.interestOps(0);
          done++;
        }
      }
      selector.selectedKeys().clear();
    }
    Answer[] answers = new Answer[channels.length];
    for (int i = 0; i < channels.length; i++) {
      answers[i] = states[i].answer();
    }
    return answers;
  }

  @Override
  public void close() throws IOException {
    for (SocketChannel c : channels) {
      c.close();
    }
    selector.close();
  }

  /** What one connection has read of its answer so far. */
  private final class Reading {
    private final boolean keepBody;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    private ByteArrayOutputStream body;
    private long sentNanos;
    private long micros = -1;
    private int status;
    private boolean gzip;
    private long contentLength = -1;
    private long bodyRead;

    Reading(boolean keepBody) {
      this.keepBody = keepBody;
    }

    /** Reads what is there; true once the whole answer is in. */
    boolean finish(SocketChannel c) throws IOException {
      while (true) {
        read.clear();
        int n = c.read(read);
        if (n < 0) {
          throw new IOException("the sidecar closed a scrape's connection mid-answer");
        }
        if (n == 0) {
          return false;
        }
        read.flip();
        read.get(copy, 0, n);
        int from = 0;
        if (contentLength < 0) {
          from = headEnd(n);
          if (from < 0) {
            continue;
          }
        }
        int bodyBytes = n - from;
        bodyRead += bodyBytes;
        if (keepBody) {
          body.write(copy, from, bodyBytes);
        }
        if (bodyRead >= contentLength) {
          micros = (System.nanoTime() - sentNanos) / 1000;
          if (bodyRead > contentLength) {
            throw new IOException("a scrape answer ran past its Content-Length");
          }
          return true;
        }
      }
    }

    /** Adds {@code n} read bytes to the head; the body's offset in them once the head is whole. */
    private int headEnd(int n) throws IOException {
      int before = head.size();
      head.write(copy, 0, n);
      byte[] h = head.toByteArray();
      for (int i = Math.max(3, before - 3); i < h.length; i++) {
        if (h[i - 3] == '\r' && h[i - 2] == '\n' && h[i - 1] == '\r' && h[i] == '\n') {
          parseHead(new String(h, 0, i + 1, StandardCharsets.ISO_8859_1));
          body = new ByteArrayOutputStream(keepBody ? (int) contentLength : 0);
          return i + 1 - before;
        }
      }
      return -1;
    }

    private void parseHead(String text) throws IOException {
      String[] lines = text.split("\r\n");
      status = Integer.parseInt(lines[0].split(" ")[1]);
      for (String line : lines) {
        String l = line.toLowerCase(Locale.ROOT);
        if (l.startsWith("content-length:")) {
          contentLength = Long.parseLong(l.substring(15).trim());
        } else if (l.startsWith("content-encoding:")) {
          gzip = l.substring(17).trim().equals("gzip");
        }
      }
      if (contentLength < 0) {
        throw new IOException("a scrape answer had no Content-Length: " + lines[0]);
      }
    }

    Answer answer() {
      return new Answer(micros, status, gzip, (int) bodyRead, keepBody ? body.toByteArray() : null);
    }
  }
}
