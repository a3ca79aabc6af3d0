package dev.nexconn.exporter.transport;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the Node driver: the child process, a reader thread for its stdout (one JSON event a
 * line), a writer thread for its stdin and a drain for its stderr. Writes never block the caller: a
 * stopped driver (SIGSTOP) fills the pipe, and the bounded queue then refuses further commands
 * until the supervisor's health timeout kills it.
 */
final class WebSdkDriverProcess {
  private static final Logger LOG = LoggerFactory.getLogger(WebSdkDriverTransport.class);
  private static final int QUEUE = 4096;

  private final Process process;
  private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(QUEUE);
  private final Thread writer;
  private final Thread reader;
  private final Thread stderr;

  private WebSdkDriverProcess(Process process, Consumer<JsonObject> onEvent) {
    this.process = process;
    long pid = process.pid();
    this.writer = daemon(this::write, "web-sdk-driver-stdin-" + pid);
    this.reader = daemon(() -> read(onEvent), "web-sdk-driver-stdout-" + pid);
    this.stderr = daemon(this::drainErr, "web-sdk-driver-stderr-" + pid);
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts the driver; {@code onEvent} runs on the reader thread, once per stdout line. */
  static WebSdkDriverProcess start(WebSdkDriverOptions options, Consumer<JsonObject> onEvent)
      throws IOException {
    Process p =
        new ProcessBuilder(options.command())
            .directory(options.driverDir().toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    WebSdkDriverProcess d = new WebSdkDriverProcess(p, onEvent);
    d.writer.start();
    d.reader.start();
    d.stderr.start();
    return d;
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  /** Queues one command; false when the driver is gone or not reading. */
  boolean send(JsonObject command) {
    return process.isAlive() && outgoing.offer(command.encode());
  }

  void kill() {
    process.destroyForcibly();
    writer.interrupt();
  }

  private void write() {
    OutputStream out = process.getOutputStream();
    try {
      while (true) {
        String line = outgoing.take();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (outgoing.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // The driver is gone; the supervisor sees the exit.
    }
  }

  private void read(Consumer<JsonObject> onEvent) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonObject event;
        try {
          event = new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
          LOG.atWarn()
              .addKeyValue("event", "web_sdk_driver_bad_line")
              .addKeyValue("pid", process.pid())
              .addKeyValue("chars", line.length())
              .log();
          continue;
        }
        onEvent.accept(event);
      }
    } catch (IOException e) {
      // Stream closed with the process.
    }
  }

  private void drainErr() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        // The driver writes key=value diagnostics only (the SDK's own output, which may hold
        // tokens, never leaves its worker); still bounded in length.
        LOG.atWarn()
            .addKeyValue("event", "web_sdk_driver_stderr")
            .addKeyValue("pid", process.pid())
            .addKeyValue("line", truncate(line))
            .log();
      }
    } catch (IOException e) {
      // Stream closed with the process.
    }
  }

  private static String truncate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
