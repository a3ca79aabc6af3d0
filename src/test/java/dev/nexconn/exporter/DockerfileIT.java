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
