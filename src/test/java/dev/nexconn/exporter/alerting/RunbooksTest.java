package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nexconn.exporter.config.AlertRuleConfig;
import dev.nexconn.exporter.config.AlertRuleDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every alert, of the sidecar's defaults and of the generated Prometheus rules, has a section in
 * {@code docs/runbooks.md} with Meaning, Impact, Diagnosis and Mitigation in that order, and its
 * {@code runbook_url} points at that section's anchor (GitHub's slug of the heading).
 */
class RunbooksTest {
  static final Path RUNBOOKS = Path.of("docs/runbooks.md");
  static final List<String> SUBSECTIONS = List.of("Meaning", "Impact", "Diagnosis", "Mitigation");
  static final String RUNBOOK_URL_PREFIX =
      "https://github.com/nexconn/nexconn-exporter/blob/main/" + RUNBOOKS + "#";

  /** Alert name -> the runbook_url of each of its rules, sidecar and Prometheus. */
  private static Map<String, List<String>> alerts() throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (AlertRuleConfig rule : AlertRuleDefaults.rules()) {
      out.computeIfAbsent(rule.name(), k -> new ArrayList<>())
          .add(rule.annotations().get("runbook_url"));
    }
    for (Path file :
        List.of(PrometheusRulesSyncTest.RULES, PrometheusRulesSyncTest.UPSTREAM_RULES)) {
      JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      for (JsonNode group : rules.path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          out.computeIfAbsent(rule.path("alert").asText(), k -> new ArrayList<>())
              .add(rule.path("annotations").path("runbook_url").asText());
        }
      }
    }
    return out;
  }

  /** "## Heading" -> the "### " headings under it, in order, each with a non-blank body. */
  private static Map<String, List<String>> sections() throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    String sub = null;
    boolean subHasBody = true;
    boolean inCode = false;
    for (String line : Files.readAllLines(RUNBOOKS)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      }
      if (!inCode && line.startsWith("## ")) {
        assertThat(subHasBody).as("%s has a body", sub).isTrue();
        current = new ArrayList<>();
        out.put(line.substring(3).strip(), current);
        sub = null;
      } else if (!inCode && line.startsWith("### ") && current != null) {
        assertThat(subHasBody).as("%s has a body", sub).isTrue();
        sub = line.substring(4).strip();
        current.add(sub);
        subHasBody = false;
      } else if (sub != null && !line.isBlank()) {
        subHasBody = true;
      }
    }
    assertThat(subHasBody).as("%s has a body", sub).isTrue();
    return out;
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
  static String slug(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  @Test
  void everyAlertHasARunbookSectionWithMeaningImpactDiagnosisAndMitigationInOrder()
      throws IOException {
    Map<String, List<String>> sections = sections();
    Map<String, List<String>> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(14);
    for (String name : alerts.keySet()) {
      assertThat(sections).as("docs/runbooks.md has a section '## %s'", name).containsKey(name);
      assertThat(sections.get(name))
          .as("the subsections of '## %s'", name)
          .containsExactlyElementsOf(SUBSECTIONS);
    }
    // No section for an alert that no longer exists.
    assertThat(new TreeSet<>(sections.keySet())).isEqualTo(new TreeSet<>(alerts.keySet()));
  }

  @Test
  void everyRunbookUrlPointsAtTheAnchorOfItsSection() throws IOException {
    Map<String, List<String>> sections = sections();
    for (Map.Entry<String, List<String>> alert : alerts().entrySet()) {
      String anchor = slug(alert.getKey());
      assertThat(sections.keySet().stream().map(RunbooksTest::slug))
          .as("an anchor #%s in docs/runbooks.md", anchor)
          .contains(anchor);
      assertThat(anchor).isEqualTo(alert.getKey().toLowerCase(Locale.ROOT));
      assertThat(alert.getValue())
          .as("runbook_url of every %s rule", alert.getKey())
          .isNotEmpty()
          .allMatch(url -> url.equals(RUNBOOK_URL_PREFIX + anchor), RUNBOOK_URL_PREFIX + anchor);
    }
  }

  @Test
  void slugFollowsGithub() {
    assertThat(slug("NexconnBanSpike")).isEqualTo("nexconnbanspike");
    assertThat(slug("Sidecar and Prometheus alerts, in one Alertmanager"))
        .isEqualTo("sidecar-and-prometheus-alerts-in-one-alertmanager");
  }

  @Test
  void theAlertingGuideLinksTheRunbooksInsteadOfKeepingItsOwn() throws IOException {
    String alerting = Files.readString(Path.of("docs/alerting.md"));
    assertThat(alerting).contains("(runbooks.md)").doesNotContainPattern("(?m)^### Nexconn");
  }
}
