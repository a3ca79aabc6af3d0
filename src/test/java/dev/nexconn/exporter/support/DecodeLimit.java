package dev.nexconn.exporter.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The reference the ingest numbers are compared with: how many events per CPU-second Jackson alone
 * turns from the same request bytes into a tree (the sidecar's reader settings), on one thread.
 * Nothing is validated, published or answered, so no ingest can reach it on one core.
 */
public final class DecodeLimit {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DecodeLimit() {}

  /** Jackson alone: the body as a tree, with the sidecar's reader settings. */
  public static JsonNode decode(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  /**
   * Events per CPU-second of this thread reading {@code body}'s tokens alone with Jackson's
   * streaming parser (every string and number read out, no tree, nothing checked): the floor under
   * any Jackson decode, the sidecar's tree-free one included.
   */
  public static double tokensPerCpuSecond(byte[] body, int events, Duration warmup, Duration run)
      throws IOException {
    JsonFactory factory = MAPPER.getFactory();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long warmEnd = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < warmEnd) {
      sink += tokens(factory, body);
    }
    long cpu0 = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + run.toNanos();
    long decoded = 0;
    while (System.nanoTime() < end) {
      sink += tokens(factory, body);
      decoded++;
    }
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    if (sink == 42) {
      System.out.print("");
    }
    return decoded * events / cpuSeconds;
  }

  /** Jackson's token stream alone over {@code body}, every string and number read out. */
  public static long tokens(byte[] body) throws IOException {
    return tokens(MAPPER.getFactory(), body);
  }

  private static long tokens(JsonFactory factory, byte[] body) throws IOException {
    long sink = 0;
    try (JsonParser p = factory.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_STRING) {
          sink += p.getText().length();
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          sink += p.getLongValue();
        }
      }
    }
    return sink;
  }

  /** The body {@code wrk/ingest.lua} posts, with {@code batch} events. */
  public static byte[] body(int batch, String batchId, long nowMillis) {
    StringBuilder b = new StringBuilder("{\"batchId\":\"").append(batchId).append('"');
    b.append(
        ",\"app\":{\"platform\":\"android\",\"appVersion\":\"5.2.1\",\"sdkVersion\":\"5.10.0\"}");
    b.append(",\"events\":[");
    for (int i = 1; i <= batch; i++) {
      if (i > 1) {
        b.append(',');
      }
      b.append("{\"type\":\"status\",\"at\":")
          .append(nowMillis + i)
          .append(",\"status\":\"")
          .append(i % 2 == 1 ? "connecting" : "connected")
          .append("\",\"errorCode\":0}");
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Events per CPU-second of this thread decoding {@code body} (holding {@code events} events) over
   * and over, after {@code warmup}.
   */
  public static double eventsPerCpuSecond(byte[] body, int events, Duration warmup, Duration run)
      throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long warmEnd = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < warmEnd) {
      sink += MAPPER.readTree(body).size();
    }
    long cpu0 = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + run.toNanos();
    long decoded = 0;
    while (System.nanoTime() < end) {
      JsonNode root = MAPPER.readTree(body);
      sink += root.size();
      decoded++;
    }
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    if (sink == 42) {
      System.out.print("");
    }
    return decoded * events / cpuSeconds;
  }
}
