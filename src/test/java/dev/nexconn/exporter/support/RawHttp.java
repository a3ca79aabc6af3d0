package dev.nexconn.exporter.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A loopback HTTP/1.1 client at the socket level, for what {@code java.net.http} will not send: a
 * request without {@code Host}, a bad chunk size, a header trickled byte by byte, a body that never
 * ends. Every read has a timeout, so a test never hangs on a server that keeps a connection open.
 *
 * <pre>{@code
 * try (RawHttp c = RawHttp.connect(port)) {
 *   c.send("GET /livez HTTP/1.1\r\n\r\n");
 *   assertThat(c.response(Duration.ofSeconds(5))).startsWith("HTTP/1.1 400");
 * }
 * }</pre>
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** Connects to {@code 127.0.0.1:port}. */
  public static RawHttp connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setTcpNoDelay(true);
    return new RawHttp(s);
  }

  /** Writes {@code text} (ISO-8859-1); false when the server has closed the connection. */
  public boolean send(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes {@code bytes}; false when the server has closed the connection. */
  public boolean send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Everything the server sends until it closes the connection or {@code wait} passes without a
   * byte; the status line and headers first.
   */
  public String response(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        buf.write(chunk, 0, n);
        String text = buf.toString(StandardCharsets.UTF_8);
        if (complete(text)) {
          return text;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // a silent or reset connection: return what came
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits up to {@code max} for the server to close the connection, discarding what it sends;
   * returns how long it took, or null when it was still open at {@code max}.
   */
  public Duration closedWithin(Duration max) throws IOException {
    long start = System.nanoTime();
    long end = start + max.toNanos();
    byte[] chunk = new byte[8192];
    while (System.nanoTime() < end) {
      socket.setSoTimeout((int) Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
      try {
        if (in.read(chunk) < 0) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (java.net.SocketException e) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
    }
    return null;
  }

  /** True when a one-response read finds the body complete (Content-Length or chunked end). */
  private static boolean complete(String text) {
    int head = text.indexOf("\r\n\r\n");
    if (head < 0) {
      return false;
    }
    String headers = text.substring(0, head).toLowerCase(java.util.Locale.ROOT);
    int cl = headers.indexOf("content-length:");
    if (cl >= 0) {
      int eol = headers.indexOf("\r\n", cl);
      String v = headers.substring(cl + 15, eol < 0 ? headers.length() : eol).trim();
      return text.getBytes(StandardCharsets.UTF_8).length - head - 4 >= Integer.parseInt(v);
    }
    return headers.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
