package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.HttpConfig;
import dev.nexconn.exporter.support.ToolProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints the {@code Dockerfile} without Docker: multi-stage, a small jlink'ed runtime that holds
 * every module the shipped jar needs (checked with {@code jdeps}), a non-root numeric user that
 * matches the manifests, and an entrypoint that runs the jar the build copies.
 */
class DockerfileIT {
  private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?$");
  private static List<String> instructions;

  @BeforeAll
  static void parse() throws Exception {
    String text = Files.readString(Path.of("Dockerfile")).replaceAll("\\\\\\n", " ");
    instructions = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip().replaceAll("\\s+", " ");
      if (!l.isEmpty() && !l.startsWith("#")) {
        instructions.add(l);
      }
    }
  }

  @Test
  void buildsInStagesAndRunsOnASmallJreWithoutABuildToolchain() {
    List<Matcher> froms =
        instructions.stream().map(FROM::matcher).filter(Matcher::matches).toList();
    assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
    for (Matcher m : froms) {
      assertThat(m.group(1)).as("pinned base image").contains(":").doesNotEndWith(":latest");
    }
    String runtime = froms.get(froms.size() - 1).group(1);
    assertThat(runtime).doesNotContainIgnoringCase("jdk").doesNotContainIgnoringCase("maven");
    assertThat(finalStage()).anyMatch(i -> i.matches("COPY --from=\\S+ /jre /opt/java"));
    assertThat(instructions).noneMatch(i -> i.matches("(?i)^ADD\\s+https?://.*"));
  }

  @Test
  void runsAsTheNonRootUserTheManifestsExpect() throws Exception {
    List<String> users = finalStage().stream().filter(i -> i.startsWith("USER ")).toList();
    assertThat(users).isNotEmpty();
    String uid = users.get(users.size() - 1).substring(5).split(":")[0];
    assertThat(uid).matches("\\d+");
    assertThat(Integer.parseInt(uid)).isPositive();
    String manifest = Files.readString(Path.of("k8s/base/deployment.yaml"));
    assertThat(manifest).contains("runAsUser: " + uid);
  }

  @Test
  void entrypointRunsTheJarThatTheBuildStageProduces() {
    String entrypoint =
        finalStage().stream()
            .filter(i -> i.startsWith("ENTRYPOINT "))
            .reduce((a, b) -> b)
            .orElseThrow();
    Matcher jar = Pattern.compile("\"(/\\S+\\.jar)\"").matcher(entrypoint);
    assertThat(jar.find()).as(entrypoint).isTrue();
    assertThat(finalStage())
        .anyMatch(i -> i.startsWith("COPY --from=build ") && i.endsWith(" " + jar.group(1)));
    String built =
        Path.of(System.getProperty("nexconn.jar", "target/nexconn-exporter.jar"))
            .getFileName()
            .toString();
    assertThat(instructions).anyMatch(i -> i.contains("cp target/" + built + " "));
    assertThat(finalStage()).contains("EXPOSE " + HttpConfig.DEFAULT.port());
    assertThat(finalStage())
        .anyMatch(i -> i.startsWith("CMD ") && i.contains("/etc/nexconn/config.yaml"));
  }

  @Test
  void jlinkIncludesEveryModuleTheJarNeeds() throws Exception {
    Path jar = Path.of(System.getProperty("nexconn.jar", "target/nexconn-exporter.jar"));
    assertThat(jar).as("run mvn package first").exists();
    Set<String> shaded = new TreeSet<>();
    try (JarFile jf = new JarFile(jar.toFile())) {
      jf.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties"))
          .forEach(
              n -> {
                String[] parts = n.split("/");
                shaded.add("/" + parts[2].replace('.', '/') + "/" + parts[3] + "/");
              });
    }
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> args =
        new ArrayList<>(
            List.of("--multi-release", "17", "--ignore-missing-deps", "--print-module-deps"));
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && shaded.stream().anyMatch(entry::contains)) {
        args.add(entry);
      }
    }
    args.add("target/classes");
    assertThat(args.size()).as("dependency jars found on the class path").isGreaterThan(10);
    ToolProcess jdeps = ToolProcess.at(Path.of(System.getProperty("java.home"), "bin", "jdeps"));
    ToolProcess.Run run = jdeps.run(120, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Set<String> needed = new LinkedHashSet<>(Arrays.asList(run.stdout().strip().split(",")));
    String jlink = instructions.stream().filter(i -> i.contains("jlink")).findFirst().orElseThrow();
    Matcher modules = Pattern.compile("--add-modules (\\S+)").matcher(jlink);
    assertThat(modules.find()).isTrue();
    Set<String> linked = Set.of(modules.group(1).split(","));
    assertThat(linked).containsAll(needed).contains("jdk.crypto.ec", "java.sql", "java.xml");
  }

  @Test
  void theWebSdkTargetAddsDebiansNodeAndTheDriverAndKeepsTheDefaultImageTheLastStage()
      throws Exception {
    List<String> webSdk = stage("web-sdk");
    List<String> driver = stage("driver");
    Matcher base = FROM.matcher(webSdk.get(0));
    assertThat(base.matches()).isTrue();
    Matcher debian = Pattern.compile("debian:(\\d+)\\.\\d+-slim").matcher(base.group(1));
    assertThat(debian.matches()).as("pinned Debian point release: %s", base.group(1)).isTrue();
    // The driver's engines field asks for Node >= 20; Debian 12 ships nodejs 18, Debian 13 ships
    // 20.
    String engines =
        new io.vertx.core.json.JsonObject(Files.readString(Path.of("drivers/web-sdk/package.json")))
            .getJsonObject("engines")
            .getString("node");
    assertThat(engines).isEqualTo(">=20");
    assertThat(Integer.parseInt(debian.group(1))).isGreaterThanOrEqualTo(13);
    assertThat(FROM.matcher(driver.get(0)).replaceAll("$1")).isEqualTo(base.group(1));

    assertThat(webSdk)
        .anyMatch(
            i ->
                i.matches(
                    "RUN apt-get update .*apt-get install -y --no-install-recommends nodejs .*"))
        .noneMatch(i -> i.contains(" npm"));
    assertThat(driver)
        .contains("COPY drivers/web-sdk/package.json drivers/web-sdk/package-lock.json ./")
        .anyMatch(i -> i.startsWith("RUN npm ci --omit=dev"))
        .contains("COPY drivers/web-sdk/driver.js ./", "COPY drivers/web-sdk/lib ./lib");
    assertThat(webSdk)
        .contains(
            "COPY --from=driver /driver "
                + dev.nexconn.exporter.config.WebSdkDriverConfig.DEFAULT_DIR)
        .anyMatch(i -> i.matches("COPY --from=\\S+ /jre /opt/java"));
    // Same user, port, entrypoint and command as the default image, which stays the last stage.
    for (String prefix : List.of("USER ", "EXPOSE ", "ENTRYPOINT ", "CMD ", "WORKDIR ")) {
      assertThat(webSdk.stream().filter(i -> i.startsWith(prefix)).toList())
          .as(prefix)
          .isNotEmpty()
          .isEqualTo(finalStage().stream().filter(i -> i.startsWith(prefix)).toList());
    }
    assertThat(finalStage().get(0)).doesNotContain(" AS ");
    assertThat(finalStage()).noneMatch(i -> i.contains("nodejs") || i.contains("drivers/web-sdk"));
    assertThat(Files.readString(Path.of(".dockerignore")))
        .contains("drivers/web-sdk/node_modules/");
  }

  /** The instructions of the stage named {@code name}, its FROM first. */
  private static List<String> stage(String name) {
    int start = -1;
    for (int i = 0; i < instructions.size(); i++) {
      Matcher m = FROM.matcher(instructions.get(i));
      if (m.matches()) {
        if (start >= 0) {
          return instructions.subList(start, i);
        }
        if (name.equals(m.group(2))) {
          start = i;
        }
      }
    }
    assertThat(start).as("stage %s", name).isNotNegative();
    return instructions.subList(start, instructions.size());
  }

  private static List<String> finalStage() {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (FROM.matcher(instructions.get(i)).matches()) {
        last = i;
      }
    }
    return instructions.subList(last, instructions.size());
  }
}
