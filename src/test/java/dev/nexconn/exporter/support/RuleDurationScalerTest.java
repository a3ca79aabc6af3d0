package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDurationScalerTest {
  static final Path RULES = Path.of("prometheus/nexconn-alerts.rules.yml");

  @Test
  void rangesSubqueriesOffsetsAndForAreDivided() {
    assertThat(RuleDurationScaler.divide("rate(x[5m])", 30)).isEqualTo("rate(x[10s])");
    assertThat(RuleDurationScaler.divide("avg_over_time(y[1h:1m] offset 5m)", 30))
        .isEqualTo("avg_over_time(y[2m:2s] offset 10s)");
    assertThat(RuleDurationScaler.divide("max_over_time(y[1h:])", 60))
        .isEqualTo("max_over_time(y[1m:])");
    assertThat(RuleDurationScaler.divide("        for: 2m\n", 30)).isEqualTo("        for: 4s\n");
    assertThat(RuleDurationScaler.divide("    keep_firing_for: 10m", 60))
        .isEqualTo("    keep_firing_for: 10s");
  }

  @Test
  void compoundAndSubSecondDurationsAreRenderedExactly() {
    assertThat(RuleDurationScaler.divide("x[1h30m]", 60)).isEqualTo("x[90s]");
    assertThat(RuleDurationScaler.divide("x[90s]", 60)).isEqualTo("x[1500ms]");
    assertThat(RuleDurationScaler.millis("1h30m")).isEqualTo(5_400_000);
    assertThat(RuleDurationScaler.format(120_000)).isEqualTo("2m");
  }

  @Test
  void textThatIsNotADurationIsLeftAlone() {
    String annotation = "description: \"rate in the last 5m, more than 3 times the 1h before\"\n";
    String label = "labels: {for: team, window: 5m}\n";
    assertThat(RuleDurationScaler.divide(annotation, 60)).isEqualTo(annotation);
    assertThat(RuleDurationScaler.divide(label, 60)).isEqualTo(label);
  }

  @Test
  void aFactorOfOneIsTheIdentity() throws Exception {
    String shipped = Files.readString(RULES);
    assertThat(RuleDurationScaler.divide(shipped, 1)).isEqualTo(shipped);
  }

  @Test
  void onlyExpressionAndForLinesOfTheShippedRulesChange() throws Exception {
    List<String> before = Files.readAllLines(RULES);
    List<String> after = RuleDurationScaler.divide(Files.readString(RULES), 60).lines().toList();

    assertThat(after).hasSameSizeAs(before);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(after.get(i));
      }
    }
    assertThat(changed)
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line.strip())
                    .matches("for: \\d+(ms|s|m|h)|.*\\[\\d+(ms|s|m|h)(:\\d+(ms|s|m|h))?].*"));
    assertThat(after)
        .contains("        for: 2s", "        for: 10s")
        .anySatisfy(l -> assertThat(l).contains("[1m:1s] offset 5s"))
        .anySatisfy(l -> assertThat(l).contains("[3m:1s] offset 15s"))
        .noneSatisfy(l -> assertThat(l).containsPattern("\\[\\d+h"));
  }

  @Test
  void aLiteralThatDoesNotDivideIsAnError() {
    assertThatThrownBy(() -> RuleDurationScaler.divide("x[1s]", 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1s does not divide by 7");
  }
}
