package dev.nexconn.reporter;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts Nexconn SDK connection events to the nexconn-exporter sidecar. Call it from the SDK's
 * callbacks; it never blocks them: events go to a bounded queue and one background thread sends
 * batches (by size at once, by time after {@code flushIntervalMillis}), one at a time and in
 * order, retrying a timeout, 429 or 5xx with the same batch id (429 waits {@code Retry-After}).
 * When the queue is full the oldest waiting event is dropped and counted.
 *
 * <pre>{@code
 * NexconnReporter reporter = NexconnReporter.builder("https://exporter.example.com/api/v1/events",
 *     ingestKey, "android", BuildConfig.VERSION_NAME).sdkVersion("5.10.0").build();
 * NCEngine.addConnectionStatusListener((status, error) ->
 *     reporter.statusChanged(status.getValue(), error == null ? 0 : error.getCode()));
 * }</pre>
 */
public final class NexconnReporter implements AutoCloseable {
  private final ReporterSettings s;
  private final HttpPoster poster;
  private final String app;
  private final ArrayDeque<String> queue = new ArrayDeque<String>();
  /** Drops not yet carried to the sidecar by a batch. */
  private long unreportedDrops;
  private final ScheduledExecutorService thread;
  private final Random random;
  private final Map<String, AtomicLong> stats = new LinkedHashMap<String, AtomicLong>();
  private Batch inFlight;
  private ScheduledFuture<?> scheduled;
  private long scheduledAt = Long.MAX_VALUE;
  private boolean closed;

  NexconnReporter(ReporterSettings settings) {
    this.s = settings;
    try {
      this.poster = new HttpPoster(new URL(settings.endpoint), settings.apiKey, settings.timeoutMillis);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("endpoint: not a URL: " + settings.endpoint, e);
    }
    this.random = settings.random;
    this.app =
        "{\"platform\":"
            + Json.string(settings.platform)
            + ",\"appVersion\":"
            + Json.string(settings.appVersion)
            + (settings.sdkVersion == null ? "" : ",\"sdkVersion\":" + Json.string(settings.sdkVersion))
            + "}";
    for (String k :
        new String[] {
          "recorded", "dropped", "sentEvents", "sentBatches", "retries", "rateLimited",
          "rejectedBatches", "rejectedEvents", "duplicates"
        }) {
      stats.put(k, new AtomicLong());
    }
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactory() {
              @Override
              public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "nexconn-reporter");
                t.setDaemon(true);
                return t;
              }
            });
  }

  /** Starts a builder; {@code platform} is {@code android}, {@code ios}, {@code flutter}. */
  public static ReporterSettings builder(
      String endpoint, String apiKey, String platform, String appVersion) {
    return new ReporterSettings(endpoint, apiKey, platform, appVersion);
  }

  /** A status change: the platform's own status number and the SDK error code (0 for none). */
  public void statusChanged(int platformStatus, int errorCode) {
    record(event("status", "\"status\":" + platformStatus + code(errorCode)));
  }

  /** A status reported by name (for SDKs whose status is an enum name, e.g. Flutter). */
  public void statusChanged(String statusName, int errorCode) {
    record(event("status", "\"status\":" + Json.string(statusName) + code(errorCode)));
  }

  /** The SDK's database-opened callback: {@code isRecreated} means local data was cleared. */
  public void databaseOpened(boolean isRecreated, int errorCode) {
    record(event("database_opened", "\"isRecreated\":" + isRecreated + ",\"errorCode\":" + Math.max(0, errorCode)));
  }

  /** The outcome of the app's token refresh after token_incorrect. */
  public void tokenRefreshed(boolean success) {
    record(event("token_refresh", "\"outcome\":\"" + (success ? "success" : "failure") + "\""));
  }

  /** An automatic reconnect attempt the SDK announced (attempt from 1, delay before it). */
  public void reconnectAttempt(int attempt, long delayMillis) {
    record(event("reconnect", "\"attempt\":" + Math.max(1, attempt) + ",\"delayMs\":" + Math.max(0, delayMillis)));
  }

  /** Asks the sender to send the queued events now (unless a retry waits for its backoff). */
  public void flush() {
    synchronized (this) {
      if (inFlight != null && inFlight.attempts > 0) {
        return;
      }
      schedule(0);
    }
  }

  /** Counters: recorded, dropped, sentEvents, sentBatches, retries, rateLimited, ..., queued. */
  public synchronized Map<String, Long> stats() {
    Map<String, Long> out = new LinkedHashMap<String, Long>();
    for (Map.Entry<String, AtomicLong> e : stats.entrySet()) {
      out.put(e.getKey(), e.getValue().get());
    }
    out.put("queued", (long) queue.size() + (inFlight == null ? 0 : inFlight.events.size()));
    return out;
  }

  /** Stops the sender thread; events still queued are not sent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    thread.shutdownNow();
  }

  private String event(String type, String fields) {
    return "{\"type\":\"" + type + "\",\"at\":" + s.clock.millis() + "," + fields + "}";
  }

  private static String code(int errorCode) {
    return errorCode > 0 && errorCode <= 99999 ? ",\"errorCode\":" + errorCode : "";
  }

  private synchronized void record(String json) {
    if (closed) {
      return;
    }
    stats.get("recorded").incrementAndGet();
    queue.addLast(json);
    while (queue.size() > s.maxQueueEvents) {
      queue.removeFirst(); // the newest events say what the connection is doing now
      stats.get("dropped").incrementAndGet();
      unreportedDrops++;
    }
    if (inFlight == null) {
      schedule(queue.size() >= s.maxBatchEvents ? 0 : s.flushIntervalMillis);
    }
  }

  /** Runs {@link #send} after {@code delay} ms, unless it is already due sooner. */
  private void schedule(long delay) {
    long at = s.clock.millis() + delay;
    if (closed || (scheduled != null && !scheduled.isDone() && scheduledAt <= at)) {
      return;
    }
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    scheduledAt = at;
    scheduled =
        thread.schedule(
            new Runnable() {
              @Override
              public void run() {
                send();
              }
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  private void send() {
    while (true) {
      Batch batch;
      synchronized (this) {
        scheduledAt = Long.MAX_VALUE;
        if (inFlight == null && !queue.isEmpty()) {
          List<String> events = new ArrayList<String>();
          while (!queue.isEmpty() && events.size() < s.maxBatchEvents) {
            events.add(queue.removeFirst());
          }
          inFlight = new Batch(s.batchIds.next(), events, unreportedDrops);
          unreportedDrops = 0;
        }
        batch = inFlight;
        if (batch == null || closed) {
          return;
        }
        batch.attempts++;
      }
      HttpPoster.Answer a = poster.post(batch.body(app));
      synchronized (this) {
        if (a.status == 0 || a.status == 408 || a.status == 429 || a.status >= 500) {
          stats.get("retries").incrementAndGet();
          if (a.status == 429) {
            stats.get("rateLimited").incrementAndGet();
          }
          schedule(backoff(batch.attempts, a.status == 429 ? a.retryAfterSeconds : -1));
          return;
        }
        if (a.status == 202) {
          stats.get("sentBatches").incrementAndGet();
          stats.get("sentEvents").addAndGet(batch.events.size());
          if (a.body.contains("\"duplicate\":true")) {
            stats.get("duplicates").incrementAndGet();
          }
          stats.get("rejectedEvents").addAndGet(rejected(a.body));
        } else {
          // 400, 401, 413, 415: the same bytes cannot succeed later; count and go on. Its drop
          // count goes to the next batch.
          stats.get("rejectedBatches").incrementAndGet();
          unreportedDrops += batch.dropped;
        }
        inFlight = null;
        if (queue.size() < s.maxBatchEvents) {
          if (!queue.isEmpty()) {
            schedule(s.flushIntervalMillis);
          }
          return;
        }
      }
    }
  }

  private long backoff(int attempts, long retryAfterSeconds) {
    if (retryAfterSeconds >= 0) {
      return retryAfterSeconds * 1000 + (long) (random.nextDouble() * s.retryBaseMillis);
    }
    long cap = Math.min(s.retryMaxMillis, s.retryBaseMillis << Math.min(attempts - 1, 20));
    return cap / 2 + (long) (random.nextDouble() * (cap / 2));
  }

  private static long rejected(String body) {
    int i = body.indexOf("\"rejected\":");
    if (i < 0) {
      return 0;
    }
    int j = i + "\"rejected\":".length();
    int k = j;
    while (k < body.length() && Character.isDigit(body.charAt(k))) {
      k++;
    }
    return k > j ? Long.parseLong(body.substring(j, k)) : 0;
  }

  /** Where batch ids come from: a random UUID by default. */
  public interface BatchIds {
    /** A new id: 1-64 of {@code A-Z a-z 0-9 . _ : -}. */
    String next();

    /** Random UUIDs. */
    BatchIds UUIDS =
        new BatchIds() {
          @Override
          public String next() {
            return UUID.randomUUID().toString();
          }
        };
  }
}
