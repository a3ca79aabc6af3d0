package dev.nexconn.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.ManualClock;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusSummaryTest {
  static final Instant AT = Instant.parse("2026-11-28T07:00:00Z");
  final ManualClock clock = new ManualClock(AT);

  static StatusChanged probe(ConnectionStatus to) {
    return new StatusChanged(
        EventSource.PROBE, AT, Dimensions.PROBE, "demo/alice", "alice", null, to, 0);
  }

  static StatusChanged sdk(ConnectionStatus to, int code) {
    return new StatusChanged(
        EventSource.SDK, AT, new Dimensions(Platform.ANDROID, "5.2.1", ""), "", "", null, to, code);
  }

  @Test
  void countsPerSourceAndStatusAndKeepsTheLastNTransitionsNewestFirst() {
    StatusSummary summary = new StatusSummary(clock, 2, false);
    summary.onEvent(probe(ConnectionStatus.CONNECTING));
    summary.onEvent(sdk(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, 31010));
    summary.onEvent(sdk(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, 31010));
    summary.onEvent(
        new PresenceChanged(
            EventSource.WEBHOOK, AT, new Dimensions(null, "", "iOS"), Presence.LOGGED_OUT));
    JsonObject json = summary.toJson();
    assertThat(json.getString("since")).isEqualTo("2026-11-28T07:00:00Z");
    assertThat(
            json.getJsonObject("statuses")
                .getJsonObject("sdk")
                .getLong("kicked_offline_by_other_client"))
        .isEqualTo(2);
    assertThat(json.getJsonObject("statuses").getJsonObject("probe").getLong("connecting"))
        .isEqualTo(1);
    assertThat(json.getJsonObject("presence").getLong("logged_out")).isEqualTo(1);
    assertThat(json.getJsonArray("recentTransitions")).hasSize(2);
    assertThat(json.getJsonArray("recentTransitions").getJsonObject(0).getInteger("errorCode"))
        .isEqualTo(31010);
  }

  @Test
  void probeUserIdsAppearOnlyWhenTheOperatorEnablesThem() {
    StatusSummary hidden = new StatusSummary(clock, 5, false);
    hidden.onEvent(probe(ConnectionStatus.CONNECTED));
    assertThat(hidden.toJson().encode()).doesNotContain("alice");
    StatusSummary shown = new StatusSummary(clock, 5, true);
    shown.onEvent(probe(ConnectionStatus.CONNECTED));
    JsonObject t = shown.toJson().getJsonArray("recentTransitions").getJsonObject(0);
    assertThat(t.getString("userId")).isEqualTo("alice");
    assertThat(t.getString("connectionId")).isEqualTo("demo/alice");
  }

  @Test
  void aBatchCountsLikeItsEventsOneByOne() {
    StatusSummary batched = new StatusSummary(clock, 3, false);
    StatusSummary single = new StatusSummary(clock, 3, false);
    List<ConnectionEvent> events = new ArrayList<>();
    ConnectionStatus[] order = {
      ConnectionStatus.CONNECTING,
      ConnectionStatus.CONNECTED,
      ConnectionStatus.SUSPEND,
      ConnectionStatus.CONNECTING,
      ConnectionStatus.TOKEN_INCORRECT
    };
    for (ConnectionStatus s : order) {
      events.add(sdk(s, 0));
    }
    batched.acceptAll(events.subList(0, 2));
    batched.acceptAll(events.subList(2, 5));
    events.forEach(single::onEvent);
    assertThat(batched.toJson().encode())
        .isEqualTo(single.toJson().encode())
        .contains("\"token_incorrect\":1");
    assertThat(batched.toJson().getJsonArray("recentTransitions")).hasSize(3);
    assertThat(batched.toJson().getJsonArray("recentTransitions").getJsonObject(0).getString("to"))
        .isEqualTo("token_incorrect");
  }
}
