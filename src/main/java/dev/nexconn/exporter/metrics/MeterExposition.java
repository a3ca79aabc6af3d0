package dev.nexconn.exporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusDistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders a {@link PrometheusMeterRegistry}'s exposition with the Prometheus client library's own
 * writers, from snapshots built here: the same text, byte for byte, as {@code registry.scrape(out,
 * contentType)}, at a fraction of the cost. The registry's scrape rebuilds, on every scrape, each
 * series' label set (validating every label name again), each family's metadata, and sorts every
 * family's series; with 2,237 series that was 61% of a render's CPU and most of its garbage
 * (docs/benchmarks.md, "Scrape cost"). Here those are built once per set of meters: a plan of
 * families, each with its series' labels in sorted order, rebuilt only when a meter is added or
 * removed. A scrape then reads each meter's value into that plan.
 *
 * <p>The plan covers every meter kind the sidecar registers: counters and function counters, gauges
 * (time gauges and {@code .info} gauges too), timers and distribution summaries (as histograms when
 * they have buckets, summaries otherwise, each with its {@code _max} gauge), and function timers.
 * For anything else (a long task timer, a custom meter), for a family whose series disagree on
 * their label names, or when the exporter properties ask for created timestamps, it renders through
 * {@code registry.scrape} instead, so the answer is always the library's. {@code
 * MeterExpositionTest} checks both against each other for every kind.
 *
 * <p>Exemplars are not written: the sidecar's registry has no span context, so the library's
 * writers have none to write either.
 *
 * <pre>{@code
 * MeterExposition exposition = MeterExposition.of(registry);
 * java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
 * exposition.write(out, "text/plain; version=0.0.4; charset=utf-8");
 * }</pre>
 */
public final class MeterExposition {
  private final PrometheusMeterRegistry registry;
  private final ExpositionFormats formats;
  private final boolean createdTimestamps;
  private final AtomicLong meterChanges = new AtomicLong();
  private volatile Plan plan;

  private MeterExposition(PrometheusMeterRegistry registry, ExporterProperties properties) {
    this.registry = registry;
    this.formats = ExpositionFormats.init(properties);
    this.createdTimestamps = Boolean.TRUE.equals(properties.getIncludeCreatedTimestamps());
    registry.config().onMeterAdded(m -> meterChanges.incrementAndGet());
    registry.config().onMeterRemoved(m -> meterChanges.incrementAndGet());
  }

  /** An exposition of {@code registry}, with the exporter properties the registry loads too. */
  public static MeterExposition of(PrometheusMeterRegistry registry) {
    return new MeterExposition(registry, PrometheusPropertiesLoader.load().getExporterProperties());
  }

  /** Writes the exposition in {@code contentType}, as {@code registry.scrape(out, type)} does. */
  public void write(OutputStream out, String contentType) throws IOException {
    Plan p = plan();
    if (p.fallback) {
      registry.scrape(out, contentType);
      return;
    }
    MetricSnapshots snapshots = ScrapeSnapshots.during(p::snapshots);
    formats.findWriter(contentType).write(out, snapshots);
  }

  /** True when scrapes are rendered from this class's plan, not through {@code registry.scrape}. */
  boolean planned() {
    return !plan().fallback;
  }

  private Plan plan() {
    Plan p = plan;
    long changes = meterChanges.get();
    if (p != null && p.changes == changes) {
      return p;
    }
    p = Plan.build(registry, changes, createdTimestamps);
    plan = p;
    return p;
  }

  /** What a series is read as. */
  private enum Kind {
    COUNTER,
    FUNCTION_COUNTER,
    GAUGE,
    INFO,
    HISTOGRAM,
    SUMMARY,
    MAX,
    FUNCTION_TIMER
  }

  /** One family: its metadata, its kind, and its series in the order the writer wants them. */
  private record Family(MetricMetadata metadata, Kind kind, Meter[] meters, Labels[] labels) {
    MetricSnapshot snapshot(long created) {
      int n = meters.length;
      switch (kind) {
        case COUNTER, FUNCTION_COUNTER -> {
          List<CounterDataPointSnapshot> points = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            double v =
                kind == Kind.COUNTER
                    ? ((Counter) meters[i]).count()
                    : ((FunctionCounter) meters[i]).count();
            points.add(new CounterDataPointSnapshot(v, labels[i], null, created));
          }
          return new CounterSnapshot(metadata, points);
        }
        case GAUGE -> {
          List<GaugeDataPointSnapshot> points = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            points.add(new GaugeDataPointSnapshot(((Gauge) meters[i]).value(), labels[i], null));
          }
          return new GaugeSnapshot(metadata, points);
        }
        case INFO -> {
          List<InfoDataPointSnapshot> points = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            points.add(new InfoDataPointSnapshot(labels[i]));
          }
          return new InfoSnapshot(metadata, points);
        }
        case MAX -> {
          List<GaugeDataPointSnapshot> points = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            points.add(new GaugeDataPointSnapshot(max(meters[i]), labels[i], null));
          }
          return new GaugeSnapshot(metadata, points);
        }
        case HISTOGRAM -> {
          List<HistogramDataPointSnapshot> points = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            points.add(histogram(meters[i], labels[i], created));
          }
          return new io.prometheus.metrics.model.snapshots.HistogramSnapshot(metadata, points);
        }
        case SUMMARY, FUNCTION_TIMER -> {
          List<SummaryDataPointSnapshot> points = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            points.add(summary(meters[i], labels[i], created));
          }
          return new SummarySnapshot(metadata, points);
        }
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
    }
  }

  /**
   * What a timer or a distribution summary holds, read the way the registry reads it: a timer from
   * one snapshot in seconds; a summary's buckets from the summary itself, its quantiles from a
   * snapshot.
   */
  private record Distribution(
      CountAtBucket[] counts,
      ValueAtPercentile[] percentiles,
      long count,
      double sum,
      double max,
      boolean timer) {
    static Distribution of(Meter m) {
      if (m instanceof Timer t) {
        HistogramSnapshot s = t.takeSnapshot();
        return new Distribution(
            s.histogramCounts(),
            s.percentileValues(),
            s.count(),
            s.total(TimeUnit.SECONDS),
            s.max(TimeUnit.SECONDS),
            true);
      }
      DistributionSummary d = (DistributionSummary) m;
      return new Distribution(
          histogramCounts(d),
          d.takeSnapshot().percentileValues(),
          d.count(),
          d.totalAmount(),
          d.max(),
          false);
    }

    double bound(CountAtBucket c) {
      return timer ? c.bucket(TimeUnit.SECONDS) : c.bucket();
    }

    double value(ValueAtPercentile v) {
      return timer ? v.value(TimeUnit.SECONDS) : v.value();
    }
  }

  private static double max(Meter m) {
    return Distribution.of(m).max();
  }

  private static HistogramDataPointSnapshot histogram(Meter m, Labels labels, long created) {
    Distribution d = Distribution.of(m);
    CountAtBucket[] counts = d.counts();
    // The library's classic buckets are per bucket, Micrometer's cumulative, as in the registry.
    List<Double> bounds = new ArrayList<>(counts.length + 1);
    List<Number> perBucket = new ArrayList<>(counts.length + 1);
    for (int i = 0; i < counts.length; i++) {
      bounds.add(d.bound(counts[i]));
      perBucket.add(i == 0 ? counts[0].count() : counts[i].count() - counts[i - 1].count());
    }
    if (Double.isFinite(counts[counts.length - 1].bucket())) {
      bounds.add(Double.POSITIVE_INFINITY);
      double inf = d.count() - counts[counts.length - 1].count();
      perBucket.add(inf >= 0 ? inf : 0);
    }
    return new HistogramDataPointSnapshot(
        ClassicHistogramBuckets.of(bounds, perBucket), d.sum(), labels, Exemplars.EMPTY, created);
  }

  private static SummaryDataPointSnapshot summary(Meter m, Labels labels, long created) {
    if (m instanceof FunctionTimer f) {
      return new SummaryDataPointSnapshot(
          (long) f.count(), f.totalTime(TimeUnit.SECONDS), Quantiles.EMPTY, labels, null, created);
    }
    Distribution d = Distribution.of(m);
    Quantiles quantiles = Quantiles.EMPTY;
    if (d.percentiles().length > 0) {
      List<Quantile> list = new ArrayList<>(d.percentiles().length);
      for (ValueAtPercentile v : d.percentiles()) {
        list.add(new Quantile(v.percentile(), d.value(v)));
      }
      quantiles = Quantiles.of(list);
    }
    return new SummaryDataPointSnapshot(
        d.count(), d.sum(), quantiles, labels, Exemplars.EMPTY, created);
  }

  private static CountAtBucket[] histogramCounts(DistributionSummary d) {
    return d instanceof PrometheusDistributionSummary p
        ? p.histogramCounts()
        : d.takeSnapshot().histogramCounts();
  }

  /** The families of one set of meters, or the decision to render through the registry. */
  private static final class Plan {
    private final long changes;
    private final boolean fallback;
    private final Family[] families;

    private Plan(long changes, boolean fallback, Family[] families) {
      this.changes = changes;
      this.fallback = fallback;
      this.families = families;
    }

    MetricSnapshots snapshots() {
      List<MetricSnapshot> all = new ArrayList<>(families.length);
      for (Family f : families) {
        all.add(f.snapshot(0L));
      }
      return new MetricSnapshots(all);
    }

    static Plan build(PrometheusMeterRegistry registry, long changes, boolean createdTimestamps) {
      if (createdTimestamps) {
        return new Plan(changes, true, new Family[0]);
      }
      NamingConvention convention = registry.config().namingConvention();
      Map<String, Building> byName = new LinkedHashMap<>();
      for (Meter m : registry.getMeters()) {
        Meter.Id id = m.getId();
        String name = id.getConventionName(convention);
        Kind kind = kind(m);
        if (kind == null) {
          return new Plan(changes, true, new Family[0]);
        }
        Labels labels = labels(id, convention);
        String help = id.getDescription() == null ? " " : id.getDescription();
        if (!add(byName, name, kind, help, m, labels)) {
          return new Plan(changes, true, new Family[0]);
        }
        if (kind == Kind.HISTOGRAM || kind == Kind.SUMMARY) {
          if (!add(byName, name + "_max", Kind.MAX, help, m, labels)) {
            return new Plan(changes, true, new Family[0]);
          }
        }
      }
      List<Family> families = new ArrayList<>(byName.size());
      for (Building b : byName.values()) {
        families.add(b.family());
      }
      Plan plan = new Plan(changes, false, families.toArray(new Family[0]));
      try {
        // The model refuses what the registry would not write (duplicate series, clashing
        // names); the registry's own scrape then decides what to do with it.
        plan.snapshots();
      } catch (RuntimeException e) {
        return new Plan(changes, true, new Family[0]);
      }
      return plan;
    }

    private static boolean add(
        Map<String, Building> byName, String name, Kind kind, String help, Meter m, Labels l) {
      Building b = byName.computeIfAbsent(name, n -> new Building(n, kind, help, l));
      if (b.kind != kind || !sameNames(b.labelNames, l)) {
        return false;
      }
      b.meters.add(m);
      b.labels.add(l);
      return true;
    }

    private static boolean sameNames(Labels a, Labels b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!a.getName(i).equals(b.getName(i))) {
          return false;
        }
      }
      return true;
    }

    private static Kind kind(Meter m) {
      if (m instanceof Counter) {
        return Kind.COUNTER;
      }
      if (m instanceof FunctionCounter) {
        return Kind.FUNCTION_COUNTER;
      }
      if (m instanceof Gauge) {
        return m.getId().getName().endsWith(".info") ? Kind.INFO : Kind.GAUGE;
      }
      if (m instanceof Timer t) {
        return t.takeSnapshot().histogramCounts().length == 0 ? Kind.SUMMARY : Kind.HISTOGRAM;
      }
      if (m instanceof DistributionSummary d) {
        return histogramCounts(d).length == 0 ? Kind.SUMMARY : Kind.HISTOGRAM;
      }
      if (m instanceof FunctionTimer) {
        return Kind.FUNCTION_TIMER;
      }
      return null;
    }

    /** Label names as the registry's naming convention spells them, values as tagged. */
    private static Labels labels(Meter.Id id, NamingConvention convention) {
      List<String> keys = new ArrayList<>();
      for (Tag t : id.getConventionTags(convention)) {
        keys.add(t.getKey());
      }
      List<String> values = new ArrayList<>();
      for (Tag t : id.getTagsAsIterable()) {
        values.add(t.getValue());
      }
      return Labels.of(keys, values);
    }
  }

  /** A family while its plan is built. */
  private static final class Building {
    private final String name;
    private final Kind kind;
    private final String help;
    private final Labels labelNames;
    private final List<Meter> meters = new ArrayList<>();
    private final List<Labels> labels = new ArrayList<>();

    Building(String name, Kind kind, String help, Labels labelNames) {
      this.name = name;
      this.kind = kind;
      this.help = help;
      this.labelNames = labelNames;
    }

    Family family() {
      Integer[] order = new Integer[meters.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparing(labels::get));
      Meter[] m = new Meter[order.length];
      Labels[] l = new Labels[order.length];
      for (int i = 0; i < order.length; i++) {
        m[i] = meters.get(order[i]);
        l[i] = labels.get(order[i]);
      }
      return new Family(new MetricMetadata(name, help, null), kind, m, l);
    }
  }
}
