package dev.nexconn.exporter.alerting;

import static dev.nexconn.exporter.support.AlertEvents.ban;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.AlertReceiverConfig;
import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.ScriptedAlertSender;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One queue per address behind a name: added with the active alerts, removed when gone. */
class AlertmanagerAddressesTest {
  private final ManualClock clock = new ManualClock();
  private final Map<String, ScriptedAlertSender> senders = new HashMap<>();
  private final AlertMetrics metrics =
      new AlertMetrics(Map.of(), n -> AlertState.INACTIVE, List.of());
  private final AlertDispatcher dispatcher =
      new AlertDispatcher(List.of(), clock, Duration.ofMinutes(1));
  private final AlertmanagerAddresses addresses =
      new AlertmanagerAddresses(
          new AlertReceiverConfig(
              "am",
              AlertReceiverConfig.Kind.ALERTMANAGER,
              URI.create("http://alertmanager-operated:9093"),
              true,
              Duration.ofSeconds(30)),
          host -> new InetAddress[0],
          (label, address) -> {
            ScriptedAlertSender s = new ScriptedAlertSender();
            senders.put(label, s);
            return new DeliveryQueue(
                label, s, metrics, clock, 100, Duration.ofMillis(500), Duration.ofSeconds(30));
          },
          dispatcher);

  @Test
  void aNewAddressReceivesTheActiveAlertsAtOnceAndAVanishedOneNothingMore() throws Exception {
    addresses.update(List.of(ip("10.0.0.1")));
    Alert firing = firingBan();
    dispatcher.tick(List.of(firing));
    assertThat(senders.get("am@10.0.0.1").delivered()).hasSize(1);

    addresses.update(List.of(ip("10.0.0.1"), ip("10.0.0.2")));
    assertThat(senders.get("am@10.0.0.2").delivered()).hasSize(1);
    assertThat(senders.get("am@10.0.0.2").delivered().get(0).alerts()).containsExactly(firing);

    addresses.update(List.of(ip("10.0.0.2")));
    assertThat(addresses.addresses()).containsExactly("10.0.0.2");
    clock.advance(Duration.ofMinutes(1));
    dispatcher.tick(List.of(firing));
    assertThat(senders.get("am@10.0.0.1").delivered()).hasSize(1);
    assertThat(senders.get("am@10.0.0.2").delivered()).hasSize(2);
  }

  private Alert firingBan() {
    SpikeDetector d =
        new SpikeDetector(dev.nexconn.exporter.config.AlertingConfig.defaults(), clock, Map.of());
    for (int i = 0; i < 60; i++) {
      d.onEvent(ban(clock.instant()));
    }
    Alert a = d.alerts().stream().filter(x -> x.name().equals("NexconnBanSpike")).findFirst().get();
    assertThat(a.state()).isEqualTo(AlertState.FIRING);
    return a;
  }

  private static InetAddress ip(String text) throws Exception {
    return InetAddress.getByAddress(InetAddress.getByName(text).getAddress());
  }
}
