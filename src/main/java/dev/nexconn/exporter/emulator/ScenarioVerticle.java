package dev.nexconn.exporter.emulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays scenarios against a running emulator and drives the virtual-app simulator: one scenario, or
 * a list in a loop (the demo cycles through the built-ins). All timers run on this verticle's
 * context: one per timeline step, one for the fleet tick, one for the live summary.
 *
 * <pre>{@code
 * ScenarioVerticle player = new ScenarioVerticle(emulator.control(),
 *     VirtualAppOptions.forSidecar("http://127.0.0.1:9464", apiKey, webhookSecret),
 *     List.of("ban-spike"), false, Clock.systemUTC(), new SplittableRandom(), System.out);
 * vertx.deployVerticle(player);   // fails with ScenarioException naming a bad scenario
 * }</pre>
 */
public final class ScenarioVerticle extends VerticleBase {
  /** Names of the built-in scenarios, in demo order. */
  public static final List<String> BUILT_IN = ScenarioLoader.BUILT_IN;

  private static final Duration SUMMARY_EVERY = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioVerticle.class);

  private final EmulatorControl control;
  private final VirtualAppOptions fleetOptions;
  private final List<String> names;
  private final boolean loop;
  private final Clock clock;
  private final RandomGenerator random;
  private final LiveSummary summary;
  private final Promise<Void> finished = Promise.promise();
  private final List<Long> stepTimers = new ArrayList<>();
  private List<Scenario> scenarios;
  private VirtualAppSimulator fleet;
  private Scenario current;
  private long startedAt;
  private volatile String doing = "starting";
  private volatile String lastLine = "";
  private long summaryTimer = -1;

  /**
   * @param control the emulator to act on
   * @param fleet where virtual apps report to
   * @param scenarios built-in names or YAML file paths
   * @param loop start over after the last one
   * @param out where the live summary goes when it is a terminal ({@code null}: log lines)
   */
  public ScenarioVerticle(
      EmulatorControl control,
      VirtualAppOptions fleet,
      List<String> scenarios,
      boolean loop,
      Clock clock,
      RandomGenerator random,
      PrintStream out) {
    this.control = control;
    this.fleetOptions = fleet;
    this.names = List.copyOf(scenarios);
    this.loop = loop;
    this.clock = clock;
    this.random = random;
    this.summary = new LiveSummary(out != null, out);
  }

  /** Checks that every scenario loads; throws {@link ScenarioException} naming the problem. */
  public static void validate(List<String> scenarios) {
    scenarios.forEach(ScenarioLoader::load);
  }

  @Override
  public Future<?> start() {
    try {
      scenarios = names.stream().map(ScenarioLoader::load).toList();
    } catch (ScenarioException e) {
      return Future.failedFuture(e);
    }
    fleet = new VirtualAppSimulator(vertx, WebClient.create(vertx), fleetOptions, clock, random);
    fleet.start();
    summaryTimer = vertx.setPeriodic(SUMMARY_EVERY.toMillis(), t -> printSummary());
    run(0);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stepTimers.forEach(vertx::cancelTimer);
    if (summaryTimer >= 0) {
      vertx.cancelTimer(summaryTimer);
    }
    summary.newLine();
    fleet.stop();
    finished.tryComplete();
    return Future.succeededFuture();
  }

  /** Completes when a non-looping run has played its last scenario. */
  public Future<Void> finished() {
    return finished.future();
  }

  /** The latest summary line. */
  public String lastSummary() {
    return lastLine;
  }

  private void run(int index) {
    stepTimers.forEach(vertx::cancelTimer);
    stepTimers.clear();
    if (index >= scenarios.size()) {
      if (!loop) {
        doing = "finished";
        finished.tryComplete();
        return;
      }
      index = 0;
    }
    current = scenarios.get(index);
    startedAt = clock.millis();
    resetUpstream();
    fleet.reset(current.fleet());
    doing = "steady";
    summary.newLine();
    LOG.atInfo()
        .addKeyValue("event", "scenario_start")
        .addKeyValue("scenario", current.name())
        .addKeyValue("duration_s", current.duration().toSeconds())
        .addKeyValue("steps", current.timeline().size())
        .addKeyValue("description", current.description())
        .log();
    for (ScenarioStep step : current.timeline()) {
      stepTimers.add(vertx.setTimer(Math.max(1, step.at().toMillis()), t -> apply(step)));
    }
    int next = index + 1;
    stepTimers.add(vertx.setTimer(Math.max(1, current.duration().toMillis()), t -> run(next)));
  }

  private void resetUpstream() {
    control.clearFaults();
    control.unbanAll();
    control.restoreAll();
    control.tokenLifetime(Duration.ZERO);
  }

  private void apply(ScenarioStep s) {
    doing = s.describe();
    int affected = new ScenarioActions(control, fleet).apply(s);
    LOG.atInfo()
        .addKeyValue("event", "scenario_step")
        .addKeyValue("scenario", current.name())
        .addKeyValue("at_s", s.at().toSeconds())
        .addKeyValue("action", s.action().yamlName())
        .addKeyValue("percent", s.percent())
        .addKeyValue("affected_sessions", affected)
        .log();
  }

  private void printSummary() {
    if (current == null) {
      return;
    }
    lastLine =
        summary.print(
            current.name(),
            (clock.millis() - startedAt) / 1000,
            current.duration().toSeconds(),
            doing,
            control.sessionCount(),
            fleet.statusCounts(),
            fleet.reporter().eventCount(),
            fleet.reporter().failedCount(),
            fleet.webhooks().deliveredCount(),
            clock.millis());
  }
}
