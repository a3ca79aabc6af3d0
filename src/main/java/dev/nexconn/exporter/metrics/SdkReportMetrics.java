package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import dev.nexconn.exporter.event.StatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Series that break the fleet down by platform, app version and operating system: SDK status
 * reports, local database opens and presence changes. App versions are folded per {@link
 * LabelLimits}; the two metrics with an {@code app_version} label are capped.
 *
 * <pre>
 * nexconn_sdk_status_reports_total{app_version="5.2.1",platform="ios",status="token_incorrect"} 4.0
 * nexconn_database_opened_total{app_version="5.2.1",platform="android",recreated="true",source="sdk"} 2.0
 * nexconn_presence_changes_total{os="ios",presence="logged_out"} 1.0
 * </pre>
 */
final class SdkReportMetrics implements MeterBinder {
  private final LabelFolding folding;
  private static final int STATUSES = ConnectionStatus.values().length;
  private static final int STATUS_SLOTS = (Platform.values().length + 1) * STATUSES;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Status report counters by app version label, then by platform (or none) and status. */
  private final Map<String, AtomicReferenceArray<Counter>> statusSlots = new ConcurrentHashMap<>();

  private volatile MeterRegistry registry;

  SdkReportMetrics(LabelFolding folding) {
    this.folding = folding;
    folding.onVersionDropped(MetricNames.PROM_SDK_STATUS_REPORTS, 1, this::forget);
    folding.onVersionDropped(MetricNames.PROM_DATABASE_OPENED, 3, this::forget);
  }

  /** Removes the series of an app version that lost its label, keeping the series count bounded. */
  private void forget(String version) {
    statusSlots.remove(version);
    MeterRegistry r = registry;
    counters
        .values()
        .removeIf(
            c -> {
              boolean match = version.equals(c.getId().getTag("app_version"));
              if (match && r != null) {
                r.remove(c);
              }
              return match;
            });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    for (String os : new String[] {"ios", "android", "websocket", "other", "none"}) {
      for (Presence p : Presence.values()) {
        presence(registry, os, p.label());
      }
    }
    // Zero series for the database-recreate alert (recreated="true", and its "false" twin), so the
    // signal exists from the first scrape: the probe's own labels, and for SDK reports (which
    // always carry a platform and app version) a placeholder with platform and app_version none.
    String[][] sources = {
      {EventSource.PROBE.label(), Platform.PROBE.label()},
      {EventSource.SDK.label(), LabelFolding.NONE}
    };
    for (String[] source : sources) {
      for (String recreated : new String[] {"true", "false"}) {
        String[] l = {source[0], recreated, source[1], LabelFolding.NONE};
        if (folding.reserve(MetricNames.PROM_DATABASE_OPENED, l)) {
          databaseOpened(registry, l);
        }
      }
    }
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    if (event instanceof PresenceChanged p) {
      presence(r, LabelFolding.os(p.dimensions().os()), p.presence().label()).increment();
    } else if (event instanceof DatabaseOpened d) {
      databaseOpened(r, d);
    } else if (event instanceof StatusChanged s && s.source() == EventSource.SDK) {
      statusReport(r, s);
    }
  }

  /**
   * A batch, with the effect of {@link #onEvent} for each event: the status reports of a run that
   * shares one {@link Dimensions} (an SDK batch shares one) fold their app version once, and their
   * counters are added once per batch ({@link BatchTally}). A combination's first report, or a
   * folded one, still takes {@link #statusReport} one by one.
   */
  void acceptAll(List<? extends ConnectionEvent> events) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    BatchTally tally = new BatchTally();
    Dimensions run = null;
    String version = null;
    AtomicReferenceArray<Counter> slots = null;
    long runLength = 0;
    for (ConnectionEvent event : events) {
      if (!(event instanceof StatusChanged s) || s.source() != EventSource.SDK) {
        onEvent(event);
        continue;
      }
      if (s.dimensions() != run) {
        if (run != null) {
          folding.countAppVersion(run.appVersion(), runLength - 1);
        }
        run = s.dimensions();
        runLength = 0;
        version = folding.appVersion(run.appVersion());
        slots = slots(version);
      }
      runLength++;
      Counter cached = slots.get(slot(s));
      if (cached != null) {
        tally.add(cached);
      } else {
        count(r, s, version, slots);
      }
    }
    if (run != null) {
      folding.countAppVersion(run.appVersion(), runLength - 1);
    }
    tally.flush();
  }

  private AtomicReferenceArray<Counter> slots(String version) {
    AtomicReferenceArray<Counter> slots = statusSlots.get(version);
    return slots != null
        ? slots
        : statusSlots.computeIfAbsent(version, v -> new AtomicReferenceArray<>(STATUS_SLOTS));
  }

  private static int slot(StatusChanged s) {
    Platform p = s.dimensions().platform();
    return (p == null ? 0 : p.ordinal() + 1) * STATUSES + s.to().ordinal();
  }

  /**
   * Counts one SDK status report. The counters of each app version label sit in an array by
   * platform and status, so the hot path builds no key string: only the first event of a
   * combination (or a folded one, counted as a fold every time) goes through the series cap.
   */
  private void statusReport(MeterRegistry r, StatusChanged s) {
    String version = folding.appVersion(s.dimensions().appVersion());
    AtomicReferenceArray<Counter> slots = slots(version);
    Counter cached = slots.get(slot(s));
    if (cached != null) {
      cached.increment();
      return;
    }
    count(r, s, version, slots);
  }

  /** Counts a report whose combination has no counter in its slot yet (or is folded). */
  private void count(
      MeterRegistry r, StatusChanged s, String version, AtomicReferenceArray<Counter> slots) {
    int slot = slot(s);
    Platform p = s.dimensions().platform();
    String[] values = {LabelFolding.platform(p), version, s.to().label()};
    String[] l = folding.admit(MetricNames.PROM_SDK_STATUS_REPORTS, values, 0);
    Counter counter = statusCounter(r, l);
    if (l == values) {
      slots.compareAndSet(slot, null, counter);
    }
    counter.increment();
  }

  private Counter statusCounter(MeterRegistry r, String[] l) {
    return counters.computeIfAbsent(
        "s|" + String.join("|", l),
        k ->
            Counter.builder(MetricNames.SDK_STATUS_REPORTS)
                .description(
                    "Statuses reported by client apps, by platform, app version and status")
                .baseUnit("reports")
                .tags("platform", l[0], "app_version", l[1], "status", l[2])
                .register(r));
  }

  private void databaseOpened(MeterRegistry r, DatabaseOpened d) {
    boolean probe = d.source() == EventSource.PROBE;
    String[] l =
        folding.admit(
            MetricNames.PROM_DATABASE_OPENED,
            new String[] {
              d.source().label(),
              Boolean.toString(d.recreated()),
              LabelFolding.platform(d.dimensions().platform()),
              probe ? LabelFolding.NONE : folding.appVersion(d.dimensions().appVersion())
            },
            2);
    databaseOpened(r, l).increment();
  }

  private Counter databaseOpened(MeterRegistry r, String[] l) {
    return counters.computeIfAbsent(
        "d|" + String.join("|", l),
        k ->
            Counter.builder(MetricNames.DATABASE_OPENED)
                .description(
                    "Local message database opens; recreated=true means local data was cleared")
                .tags("source", l[0], "recreated", l[1], "platform", l[2], "app_version", l[3])
                .register(r));
  }

  private Counter presence(MeterRegistry r, String os, String presence) {
    return counters.computeIfAbsent(
        "p|" + os + "|" + presence,
        k ->
            Counter.builder(MetricNames.PRESENCE_CHANGES)
                .description("Presence webhook items by operating system and presence")
                .baseUnit("changes")
                .tags("os", os, "presence", presence)
                .register(r));
  }
}
