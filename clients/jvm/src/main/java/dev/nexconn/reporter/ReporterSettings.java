package dev.nexconn.reporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** The options of a {@link NexconnReporter}, with their defaults; {@link #build()} checks them. */
public final class ReporterSettings {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,32}");

  /** Where the reporter reads the time; injected in tests. */
  public interface Clock {
    /** Epoch milliseconds. */
    long millis();
  }

  final String endpoint;
  final String apiKey;
  final String platform;
  final String appVersion;
  String sdkVersion;
  int maxBatchEvents = 50;
  long flushIntervalMillis = 5000;
  int maxQueueEvents = 1000;
  long retryBaseMillis = 1000;
  long retryMaxMillis = 60000;
  int timeoutMillis = 10000;
  Clock clock =
      new Clock() {
        @Override
        public long millis() {
          return System.currentTimeMillis();
        }
      };
  Random random = new Random();
  NexconnReporter.BatchIds batchIds = NexconnReporter.BatchIds.UUIDS;

  ReporterSettings(String endpoint, String apiKey, String platform, String appVersion) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.platform = platform;
    this.appVersion = appVersion;
  }

  /** The Nexconn SDK version, e.g. {@code 5.10.0}. */
  public ReporterSettings sdkVersion(String v) {
    this.sdkVersion = v;
    return this;
  }

  /** A batch goes out as soon as this many events wait (default 50, at most 500). */
  public ReporterSettings maxBatchEvents(int n) {
    this.maxBatchEvents = n;
    return this;
  }

  /** A partial batch goes out this long after its first event (default 5000 ms). */
  public ReporterSettings flushIntervalMillis(long ms) {
    this.flushIntervalMillis = ms;
    return this;
  }

  /** At most this many events wait besides the batch in flight (default 1000). */
  public ReporterSettings maxQueueEvents(int n) {
    this.maxQueueEvents = n;
    return this;
  }

  /** Backoff: first delay (default 1000 ms), doubling with jitter up to max (default 60000). */
  public ReporterSettings retry(long baseMillis, long maxMillis) {
    this.retryBaseMillis = baseMillis;
    this.retryMaxMillis = maxMillis;
    return this;
  }

  /** Connect and read timeout of one request (default 10000 ms). */
  public ReporterSettings timeoutMillis(int ms) {
    this.timeoutMillis = ms;
    return this;
  }

  /** For tests: the clock, the jitter source and the batch ids. */
  public ReporterSettings inject(Clock clock, Random random, NexconnReporter.BatchIds ids) {
    this.clock = clock;
    this.random = random;
    this.batchIds = ids;
    return this;
  }

  /** Checks every option and returns the reporter; a bad option names itself and the fix. */
  public NexconnReporter build() {
    List<String> problems = new ArrayList<String>();
    if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
      problems.add("endpoint: the http(s) URL of the sidecar's POST /api/v1/events");
    }
    if (apiKey == null || apiKey.length() < 16) {
      problems.add("apiKey: one of the sidecar's ingest API keys (at least 16 characters)");
    }
    if (!"android".equals(platform) && !"ios".equals(platform) && !"flutter".equals(platform)) {
      problems.add("platform: android, ios or flutter (Web apps use clients/web)");
    }
    if (appVersion == null || !VERSION.matcher(appVersion).matches()) {
      problems.add("appVersion: 1-32 of letters, digits, . _ + -");
    }
    if (sdkVersion != null && !VERSION.matcher(sdkVersion).matches()) {
      problems.add("sdkVersion: 1-32 of letters, digits, . _ + -");
    }
    if (maxBatchEvents < 1 || maxBatchEvents > 500) {
      problems.add("maxBatchEvents: 1-500 (the sidecar's ingest.maxEventsPerBatch)");
    }
    if (maxQueueEvents < 1 || flushIntervalMillis < 1 || retryBaseMillis < 1 || timeoutMillis < 1) {
      problems.add("maxQueueEvents, flushIntervalMillis, retry base, timeoutMillis: positive");
    }
    if (retryMaxMillis < retryBaseMillis) {
      problems.add("retry: maxMillis must be at least baseMillis");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("nexconn reporter: bad options: " + problems);
    }
    return new NexconnReporter(this);
  }
}
