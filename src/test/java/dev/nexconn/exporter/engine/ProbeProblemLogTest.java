package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.logging.LogfmtLayout;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.token.TokenFetchException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Persistent probe problems are logged once per group and reason per minute, never silently. */
class ProbeProblemLogTest {
  private static final String HINT =
      "Server API token/get refused: HTTP 401, code 1004 (signature: check the App Key and App"
          + " Secret)";

  /** The event's key-value pairs as the logfmt layout writes them. */
  private static String line(ILoggingEvent e) {
    return e.getKeyValuePairs().stream()
        .map(p -> LogfmtLayout.pair(p.key, p.value))
        .collect(Collectors.joining(" "));
  }

  private static String line(Map<String, Object> pairs) {
    return pairs.entrySet().stream()
        .map(p -> LogfmtLayout.pair(p.getKey(), p.getValue()))
        .collect(Collectors.joining(" "));
  }

  @Test
  void aWrongAppSecretIsLoggedOncePerMinutePerGroupWithTheHint() {
    Logger logger = (Logger) LoggerFactory.getLogger(ProbeProblemLog.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (EngineHarness h = new EngineHarness(new FakeUpstream())) {
      ProbeSettings failing =
          ProbeSettings.defaults(
              "demo", (user, refresh) -> Future.failedFuture(new TokenFetchException(HINT)));
      for (String user : List.of("u1", "u2", "u3")) {
        h.engine.connect(failing, user, ConnectParams.of(null), null, null);
      }
      h.awaitTrue(() -> h.events(TokenFailure.class).size() == 3);
      h.advance(Duration.ofSeconds(10));
      h.awaitTrue(() -> h.events(TokenFailure.class).size() >= 6);
      assertThat(appender.list).hasSize(1);
      ILoggingEvent line = appender.list.get(0);
      assertThat(line.getLevel()).isEqualTo(Level.WARN);
      assertThat(line(line))
          .isEqualTo(
              "event=token_fetch_failed group=demo status=suspend code=33100 suppressed=0"
                  + " error=\""
                  + HINT
                  + "\"");

      h.advance(Duration.ofMinutes(1));
      h.awaitTrue(() -> appender.list.size() == 2);
      assertThat(line(appender.list.get(1)))
          .startsWith("event=token_fetch_failed group=demo status=suspend code=33100 suppressed=")
          .doesNotContain("suppressed=0 ")
          .contains("code 1004");
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void eachGroupAndReasonHasItsOwnLimitAndCountsWhatItHeldBack() {
    ManualClock clock = new ManualClock();
    List<String> lines = new ArrayList<>();
    ProbeProblemLog log = new ProbeProblemLog(clock, m -> lines.add(line(m)));
    log.report("token_fetch_failed", "a", SUSPEND, 33100, "down");
    log.report("token_fetch_failed", "a", SUSPEND, 33100, "down");
    log.report("token_fetch_failed", "b", SUSPEND, 33100, "down");
    log.report(
        "probe_ended", "a", ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, 31010, "say \"x\"");
    clock.advance(Duration.ofSeconds(59));
    log.report("token_fetch_failed", "a", SUSPEND, 33100, "down");
    clock.advance(Duration.ofSeconds(1));
    log.report("token_fetch_failed", "a", SUSPEND, 33100, "down");
    assertThat(lines)
        .containsExactly(
            "event=token_fetch_failed group=a status=suspend code=33100 suppressed=0 error=down",
            "event=token_fetch_failed group=b status=suspend code=33100 suppressed=0 error=down",
            "event=probe_ended group=a status=kicked_offline_by_other_client code=31010"
                + " suppressed=0 error=\"say \\\"x\\\"\"",
            "event=token_fetch_failed group=a status=suspend code=33100 suppressed=2"
                + " error=down");
  }
}
