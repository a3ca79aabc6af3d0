package dev.nexconn.exporter.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The peer the ingest benchmark is compared with: Debian's collectd 5.12 with the {@code statsd}
 * plugin reading StatsD counter lines on a loopback UDP port and {@code write_prometheus} exposing
 * them on a loopback HTTP port. {@link #send} feeds it the same events as the SDK batches (one
 * {@code sdk.status.<status>:1|c} line per event, {@code lines} lines per datagram, paced or not)
 * from this process; {@link #counted} reads what collectd counted.
 */
public final class StatsdCollectd implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int statsdPort;
  private final int httpPort;

  private StatsdCollectd(Process process, int statsdPort, int httpPort) {
    this.process = process;
    this.statsdPort = statsdPort;
    this.httpPort = httpPort;
  }

  /** Starts collectd in the foreground with its config, base dir and pid file in {@code dir}. */
  public static StatsdCollectd start(Path dir) throws Exception {
    Path collectd = ExternalTool.require("collectd", "collectd-core");
    int udp;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      udp = s.getLocalPort();
    }
    int tcp;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      tcp = s.getLocalPort();
    }
    Path conf = dir.resolve("collectd.conf");
    Files.writeString(
        conf,
        """
        Hostname "bench"
        FQDNLookup false
        Interval 1
        BaseDir "%1$s"
        PIDFile "%1$s/collectd.pid"
        PluginDir "/usr/lib/collectd"
        TypesDB "/usr/share/collectd/types.db"
        LoadPlugin statsd
        LoadPlugin write_prometheus
        <Plugin statsd>
          Host "127.0.0.1"
          Port "%2$d"
          DeleteCounters false
        </Plugin>
        <Plugin write_prometheus>
          Host "127.0.0.1"
          Port "%3$d"
        </Plugin>
        """
            .formatted(dir, udp, tcp));
    Process p =
        new ProcessBuilder(collectd.toString(), "-f", "-C", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("collectd.log").toFile())
            .start();
    StatsdCollectd c = new StatsdCollectd(p, udp, tcp);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        c.counted();
        return c;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          p.destroyForcibly();
          throw new IllegalStateException(
              "collectd did not serve write_prometheus within 20 s: "
                  + Files.readString(dir.resolve("collectd.log")));
        }
        Thread.sleep(100);
      }
    }
  }

  /** Sum of every StatsD counter collectd exposes now. */
  public double counted() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("collectd_statsd_derive_total{")) {
        sum += Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0]);
      }
    }
    return sum;
  }

  /** What collectd counted once it stops changing (its flush interval is 1 s); at most 10 s. */
  public double settled() throws IOException, InterruptedException {
    double last = counted();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int stable = 0;
    while (stable < 2 && System.nanoTime() < deadline) {
      Thread.sleep(1100);
      double now = counted();
      stable = now == last ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  /**
   * Sends {@code sdk.status} counter lines for {@code duration}, {@code lines} per datagram, at
   * {@code eventsPerSecond} (0: as fast as one thread can); returns the events sent.
   */
  public long send(int lines, Duration duration, double eventsPerSecond) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= lines; i++) {
      if (i > 1) {
        b.append('\n');
      }
      b.append(i % 2 == 1 ? "sdk.status.connecting:1|c" : "sdk.status.connected:1|c");
    }
    byte[] datagram = b.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.wrap(datagram);
    long sent = 0;
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.connect(new InetSocketAddress("127.0.0.1", statsdPort));
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long now;
      while ((now = System.nanoTime()) < end) {
        if (eventsPerSecond > 0) {
          long due = start + (long) (sent / eventsPerSecond * 1e9);
          if (due > now) {
            long wait = due - now;
            if (wait > 200_000) {
              java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            continue;
          }
        }
        buf.rewind();
        try {
          ch.write(buf);
          sent += lines;
        } catch (java.net.PortUnreachableException e) {
          // collectd's socket buffer overflowed or it is restarting: the datagram is lost.
          sent += lines;
        }
      }
    }
    return sent;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
