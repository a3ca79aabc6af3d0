package dev.nexconn.reporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.Charset;

/** Posts one body with {@code HttpURLConnection}; an I/O failure is status 0 (retry). */
final class HttpPoster {
  private static final Charset UTF8 = Charset.forName("UTF-8");

  /** The answer: HTTP status (0 when no answer came), Retry-After in seconds or -1, body. */
  static final class Answer {
    final int status;
    final long retryAfterSeconds;
    final String body;

    Answer(int status, long retryAfterSeconds, String body) {
      this.status = status;
      this.retryAfterSeconds = retryAfterSeconds;
      this.body = body;
    }
  }

  private final URL endpoint;
  private final String authorization;
  private final int timeoutMillis;

  HttpPoster(URL endpoint, String apiKey, int timeoutMillis) {
    this.endpoint = endpoint;
    this.authorization = "Bearer " + apiKey;
    this.timeoutMillis = timeoutMillis;
  }

  Answer post(String body) {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) endpoint.openConnection();
      c.setRequestMethod("POST");
      c.setConnectTimeout(timeoutMillis);
      c.setReadTimeout(timeoutMillis);
      c.setDoOutput(true);
      c.setUseCaches(false);
      c.setRequestProperty("Authorization", authorization);
      c.setRequestProperty("Content-Type", "application/json");
      byte[] bytes = body.getBytes(UTF8);
      c.setFixedLengthStreamingMode(bytes.length);
      OutputStream out = c.getOutputStream();
      try {
        out.write(bytes);
      } finally {
        out.close();
      }
      int status = c.getResponseCode();
      return new Answer(status, retryAfter(c.getHeaderField("Retry-After")), read(c, status));
    } catch (IOException e) {
      return new Answer(0, -1, "");
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static long retryAfter(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String read(HttpURLConnection c, int status) throws IOException {
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    if (in == null) {
      return "";
    }
    try {
      byte[] buf = new byte[4096];
      StringBuilder b = new StringBuilder();
      int n;
      while ((n = in.read(buf)) > 0 && b.length() < 65536) {
        b.append(new String(buf, 0, n, UTF8));
      }
      return b.toString();
    } finally {
      in.close();
    }
  }
}
