package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertBaselineConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the detector's baselines on the data volume: restored at start when the file is recent,
 * rewritten every {@code saveInterval} off the event loop, and once more at shutdown. A missing
 * file is a first start; a corrupt, stale or unreadable one is reported in one WARN line and
 * ignored, so the rules start cold (their {@code coldStartFloor} applies) rather than wrong.
 */
final class BaselinePersistence {
  private static final Logger LOG = LoggerFactory.getLogger(BaselinePersistence.class);

  private final AlertBaselineConfig config;
  private final BaselineFile file;
  private final SpikeDetector detector;
  private final Clock clock;
  private volatile boolean failing;
  private long timer = -1;
  private Vertx vertx;

  BaselinePersistence(AlertBaselineConfig config, SpikeDetector detector, Clock clock) {
    this.config = config;
    this.file = config.file() == null ? null : new BaselineFile(config.file());
    this.detector = detector;
    this.clock = clock;
  }

  /** Restores the saved baselines; returns how many rules took one. */
  int restore() {
    if (file == null) {
      return 0;
    }
    BaselineFile.Outcome outcome = file.read(clock.instant(), config.maxAge());
    if (outcome instanceof BaselineFile.Loaded loaded) {
      int n = detector.restore(loaded.baselines());
      LOG.atInfo()
          .addKeyValue("event", "alert_baselines_restored")
          .addKeyValue("file", file.path())
          .addKeyValue("rules", n)
          .addKeyValue("age_seconds", loaded.age().toSeconds())
          .log();
      return n;
    }
    if (outcome instanceof BaselineFile.Unusable bad) {
      LOG.atWarn()
          .addKeyValue("event", "alert_baselines_ignored")
          .addKeyValue("file", file.path())
          .addKeyValue("reason", bad.reason())
          .addKeyValue(
              "fix",
              "the rules start cold; the file is rewritten within alerting.baselines.saveInterval")
          .log();
    }
    return 0;
  }

  /** Saves every {@code saveInterval} on a worker thread. */
  synchronized void start(Vertx vertx) {
    if (file == null || timer >= 0) {
      return;
    }
    this.vertx = vertx;
    timer =
        vertx.setPeriodic(
            config.saveInterval().toMillis(), id -> vertx.executeBlocking(() -> save(), false));
  }

  /** Stops the timer and saves once more; blocking (called on the shutdown path). */
  synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (file != null) {
      save();
    }
  }

  /** Writes the file now; returns false (and logs once per failure streak) when it cannot. */
  boolean save() {
    try {
      file.write(detector.baselines(), clock.instant());
      if (failing) {
        failing = false;
        LOG.atInfo()
            .addKeyValue("event", "alert_baselines_saved")
            .addKeyValue("file", file.path())
            .addKeyValue("after", "failure")
            .log();
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.atWarn()
            .addKeyValue("event", "alert_baselines_save_failed")
            .addKeyValue("file", file.path())
            .addKeyValue("error", e.getClass().getSimpleName())
            .addKeyValue("fix", "make the directory writable (a volume mounted at its parent)")
            .log();
      }
      return false;
    }
  }
}
