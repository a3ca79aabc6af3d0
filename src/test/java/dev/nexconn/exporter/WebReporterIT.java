package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ExternalTool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Web reporter ({@code clients/web}) with the real vendor Web SDK, in Node and in headless
 * Chromium, against the real sidecar jar: installs the lock file's packages ({@code npm ci}), then
 * runs {@code node --test} inside a network namespace that has only loopback ({@code unshare -n},
 * {@code lo} up; the sidecar starts inside it too). The Node tests assert the SDK's own events on
 * {@code /metrics}; this test checks that they ran and passed, that the namespace had no other
 * link, and that every non-loopback attempt the SDK made was refused and counted.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class WebReporterIT {
  static final Path WEB = Path.of("clients", "web").toAbsolutePath();

  @Test
  void theRealSdkReportsThroughTheReporterAndNothingLeavesLoopback(@TempDir Path results)
      throws Exception {
    Path node = ExternalTool.require("node", "nodejs");
    Path npm = ExternalTool.require("npm", "npm");
    Path chromium = ExternalTool.require("chromium", "chromium");
    Path unshare = ExternalTool.require("unshare", "util-linux");
    ExternalTool.require("ip", "iproute2");
    String jar = System.getProperty("nexconn.jar");
    assertThat(jar).as("system property nexconn.jar (run through mvn verify)").isNotNull();

    Run install = run(WEB, 300, List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), results);
    assertThat(install.exit).as("npm ci in clients/web:\n%s", install.output).isZero();

    String java = ProcessHandle.current().info().command().orElse("java");
    String script =
        "ip link set lo up && ip -o link show > \"$RESULTS_DIR/links.txt\" && exec \""
            + node
            + "\" --test --test-concurrency=1 test/*.test.mjs";
    ProcessBuilder pb = new ProcessBuilder(unshare.toString(), "-n", "--", "sh", "-c", script);
    pb.environment().put("NEXCONN_JAR", jar);
    pb.environment().put("JAVA", java);
    pb.environment().put("CHROMIUM", chromium.toString());
    pb.environment().put("RESULTS_DIR", results.toString());
    Run tests = run(WEB, 420, pb);
    assertThat(tests.exit).as("node --test inside unshare -n:\n%s", tests.output).isZero();
    Matcher pass = Pattern.compile("(?m)^# pass (\\d+)$").matcher(tests.output);
    assertThat(pass.find()).as(tests.output).isTrue();
    assertThat(Integer.parseInt(pass.group(1)))
        .as("node tests that passed")
        .isGreaterThanOrEqualTo(15);
    assertThat(tests.output).contains("# fail 0");

    List<String> links = Files.readAllLines(results.resolve("links.txt"));
    assertThat(links).as("links inside the namespace").hasSize(1);
    assertThat(links.get(0)).contains(": lo:");

    int refused = 0;
    try (Stream<Path> files = Files.list(results)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith("-refused.json")).toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith("chromium")) {
          continue;
        }
        JsonArray attempts = new JsonArray(Files.readString(f));
        assertThat(attempts.size()).as("refused attempts in %s", name).isPositive();
        for (Object a : attempts) {
          assertThat(((JsonObject) a).getString("url")).doesNotStartWith("http://127.");
        }
        refused += attempts.size();
      }
    }
    JsonObject browser = new JsonObject(Files.readString(results.resolve("chromium-refused.json")));
    assertThat(browser.getJsonArray("page").size())
        .as("refused in the Chromium pages")
        .isPositive();
    assertThat(refused).as("refused in Node").isPositive();
    System.out.printf(
        "WebReporterIT refused non-loopback attempts: node=%d chromium-page=%d chromium-proxy=%d%n",
        refused, browser.getJsonArray("page").size(), browser.getJsonArray("proxy").size());
  }

  record Run(int exit, String output) {}

  static Run run(Path dir, long seconds, List<String> command, Path tmp) throws Exception {
    return run(dir, seconds, new ProcessBuilder(new ArrayList<>(command)));
  }

  static Run run(Path dir, long seconds, ProcessBuilder pb) throws Exception {
    File out = Files.createTempFile("web-reporter-it", ".log").toFile();
    Process p =
        pb.directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          pb.command()
              + " did not finish in "
              + seconds
              + " s:\n"
              + Files.readString(out.toPath()));
    }
    String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
    System.out.println(output);
    return new Run(p.exitValue(), output);
  }
}
