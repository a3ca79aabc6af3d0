package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  @Test
  void checkConfigAcceptsAValidFile(@TempDir Path dir) throws Exception {
    assertThat(
            checkConfig(
                dir,
                """
        upstream: {url: "ws://127.0.0.1:9000/v1/connect"}
        probes:
          groups:
            - {count: 2, token: {type: static, value: t}}
        """))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("config OK")
        .contains("2 probe user(s)")
        .doesNotContain("value: t");
  }

  @Test
  void checkConfigNamesTheBadKeyAndExitsTwo(@TempDir Path dir) throws Exception {
    assertThat(checkConfig(dir, "http:\n  port: -1\n")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("http.port: must be between 0 and 65535, got -1");
  }

  @Test
  void checkConfigReadsTheSecretsAStartWouldRead(@TempDir Path dir) throws Exception {
    assertThat(
            checkConfig(
                dir,
                """
        upstream: {url: "ws://127.0.0.1:9000/v1/connect"}
        probes:
          groups:
            - count: 1
              token:
                type: server-api
                url: http://127.0.0.1:9000
                appKey: k
                appSecretFile: %s
        """
                    .formatted(dir.resolve("absent-secret"))))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("probes.groups[0].token.appSecretFile: cannot read")
        .contains("absent-secret");
  }

  /** A web-sdk config whose driver folder and node are {@code dir} and {@code node}. */
  private static String webSdk(Path dir, String node, int count) {
    return """
        upstream:
          type: web-sdk
          webSdk:
            appKey: k
            production: true
            driver: {dir: %s, node: %s}
        probes:
          groups:
            - {count: %d, token: {type: static, value: t}}
        """
        .formatted(dir, node, count);
  }

  @Test
  void checkConfigValidatesTheWebSdkDriverInstallWithoutStartingIt(@TempDir Path dir)
      throws Exception {
    Path driver = Files.createDirectories(dir.resolve("driver/node_modules/@rongcloud/imlib-next"));
    Path marker = dir.resolve("driver-was-started");
    // With /bin/sh as "node", a started driver would run this file and leave the marker.
    Files.writeString(dir.resolve("driver/driver.js"), "touch " + marker + "\n");
    assertThat(checkConfig(dir, webSdk(dir.resolve("driver"), "/bin/sh", 3))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("config OK")
        .contains("upstream web-sdk: production true, the SDK's own navigation servers")
        .contains("at most 20 probes, about 600 MB");
    Thread.sleep(300);
    assertThat(marker).doesNotExist();
    assertThat(driver).exists();
  }

  @Test
  void checkConfigNamesAMissingWebSdkDriverAndNode(@TempDir Path dir) throws Exception {
    assertThat(checkConfig(dir, webSdk(dir.resolve("none"), "/bin/sh", 1))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("upstream.webSdk.driver.dir: " + dir.resolve("none") + " has no driver.js");
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/driver.js"), "");
    assertThat(checkConfig(dir, webSdk(dir.resolve("d"), "/bin/sh", 1))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("has no node_modules/@rongcloud/imlib-next: run npm ci --omit=dev");
    Files.createDirectories(dir.resolve("d/node_modules/@rongcloud/imlib-next"));
    assertThat(checkConfig(dir, webSdk(dir.resolve("d"), dir.resolve("no-node").toString(), 1)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "upstream.webSdk.driver.node: " + dir.resolve("no-node") + " is not an executable");
  }

  @Test
  void checkConfigRefusesMoreWebSdkProbesThanTheDriverMayHold(@TempDir Path dir) throws Exception {
    assertThat(checkConfig(dir, webSdk(dir, "/bin/sh", 30))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "probes.groups[0].count: 30 exceeds upstream.webSdk.driver.maxProbes (20): each Web"
                + " SDK probe takes about 30 MB");
  }

  @Test
  void checkConfigNamesAMissingTokenFile(@TempDir Path dir) throws Exception {
    assertThat(
            checkConfig(
                dir,
                """
        upstream: {url: "ws://127.0.0.1:9000/v1/connect"}
        probes:
          groups:
            - {count: 1, token: {type: file, file: %s}}
        """
                    .formatted(dir.resolve("no-token"))))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("probes.groups[0].token.file: cannot read")
        .contains("mount the Secret");
  }

  @Test
  void aBusyHttpPortIsNamedWithTheFix() throws Exception {
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(run("--http-port", Integer.toString(busy.getLocalPort()))).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("cannot listen on 127.0.0.1:" + busy.getLocalPort())
          .contains("--http-port");
    }
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"run", "emulator", "check-config", "version"}) {
      out.reset();
      assertThat(run(sub, "--help")).as(sub).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).as(sub).contains("Usage:");
    }
  }

  @Test
  void versionPrintsTheName() {
    assertThat(run("version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("nexconn-exporter ");
  }

  /** Writes {@code yaml} to a file in {@code dir} and runs {@code check-config} on it. */
  private static int checkConfig(Path dir, String yaml) throws java.io.IOException {
    Path f = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(f, yaml);
    return run("check-config", f.toString());
  }

  private static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }
}
