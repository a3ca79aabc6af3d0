package dev.nexconn.exporter.ingest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the idempotency window ahead to a file on the data volume ({@code
 * ingest.idempotency.file}), so that a batch accepted just before a restart, even a SIGKILL, is a
 * duplicate after it. Each accepted id is appended (one line: expiry, id, response) before the
 * answer is sent; the write goes to the operating system, which keeps it across a killed process
 * (only a crash of the node itself can lose the last lines). At start the file is read, expired
 * lines dropped, and rewritten compacted through a temporary file and an atomic rename; it is
 * compacted again whenever it holds twice the window's bound, so it stays bounded too.
 */
final class WindowJournal {
  private static final Logger LOG = LoggerFactory.getLogger(WindowJournal.class);

  private final Path file;
  private final BatchWindow<JsonObject> window;
  private final int compactAfter;
  private FileChannel out;
  private int lines;

  private WindowJournal(Path file, BatchWindow<JsonObject> window, int compactAfter) {
    this.file = file;
    this.window = window;
    this.compactAfter = compactAfter;
  }

  /**
   * Loads {@code file} into {@code window} and keeps it in step from now on, until {@link #close}.
   *
   * @throws IOException when the file cannot be read or written (the caller names the key)
   */
  static WindowJournal attach(
      Path file, BatchWindow<JsonObject> window, int maxEntries, Clock clock) throws IOException {
    WindowJournal j = new WindowJournal(file, window, Math.max(1000, 2 * maxEntries));
    int restored = 0;
    int skipped = 0;
    if (Files.exists(file)) {
      Instant now = clock.instant();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t", 3);
        try {
          window.restore(
              parts[1],
              Instant.ofEpochMilli(Long.parseLong(parts[0])),
              new JsonObject(parts[2]),
              now);
          restored++;
        } catch (RuntimeException e) {
          // A line cut short by a kill mid-write: that batch was never answered, so never acked.
          skipped++;
        }
      }
    }
    j.compact();
    window.listener(j::append);
    LOG.atInfo()
        .addKeyValue("event", "idempotency_window_restored")
        .addKeyValue("file", file)
        .addKeyValue("ids", window.size())
        .addKeyValue("lines_read", restored)
        .addKeyValue("lines_skipped", skipped)
        .log();
    return j;
  }

  /**
   * Closes the file (the app's stop, or a start that failed after this was attached); a batch
   * accepted after this is refused, not acknowledged unrecorded.
   */
  void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("file", file).addKeyValue("error", e.getMessage()).log("close");
    }
  }

  private void append(String id, Instant expires, JsonObject value) {
    try {
      if (lines >= compactAfter) {
        compact();
      }
      String line = expires.toEpochMilli() + "\t" + id + "\t" + value.encode() + "\n";
      ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      lines++;
    } catch (IOException e) {
      // Refuse the batch rather than acknowledge what a restart would count again.
      throw new UncheckedIOException("cannot write the idempotency window to " + file, e);
    }
  }

  /** Rewrites the file from the live window through a temporary file and an atomic rename. */
  private void compact() throws IOException {
    List<BatchWindow.Saved<JsonObject>> live = window.snapshot();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringBuilder b = new StringBuilder();
    for (BatchWindow.Saved<JsonObject> s : live) {
      b.append(s.expires().toEpochMilli())
          .append('\t')
          .append(s.id())
          .append('\t')
          .append(s.value().encode())
          .append('\n');
    }
    Files.writeString(tmp, b, StandardCharsets.UTF_8);
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (out != null) {
      out.close();
    }
    out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    lines = live.size();
  }
}
