package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made in the test with the JDK's {@code keytool}: a private CA and a server
 * certificate it signs, each with its own validity, so that a test can present a chain whose
 * members expire in minutes.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.chain(dir, "-1430M", 1, "SAN=ip:127.0.0.1", 2);
 * vertx.createHttpServer(certs.serverOptions());   // trust certs.caPem() on the client
 * }</pre>
 *
 * @param serverStore PKCS12 key store with the server key and its chain (password {@code changeit})
 * @param caPem the CA certificate, PEM
 * @param serverPem the server certificate, PEM
 */
public record TestCertificates(Path serverStore, Path caPem, Path serverPem) {
  private static final String PASS = "changeit";

  /**
   * A CA valid from {@code caStart} (keytool's {@code -startdate}, e.g. {@code -1430M}; {@code
   * null}: now) for {@code caDays}, signing a server certificate with {@code serverExt} (e.g.
   * {@code SAN=ip:127.0.0.1}) valid for {@code serverDays} from now.
   */
  public static TestCertificates chain(
      Path dir, String caStart, int caDays, String serverExt, int serverDays) throws Exception {
    Path ca = dir.resolve("ca.p12");
    Path caPem = dir.resolve("ca.pem");
    Path server = dir.resolve("server.p12");
    Path csr = dir.resolve("server.csr");
    Path serverPem = dir.resolve("server.pem");
    List<String> caArgs =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=nexconn-test-ca",
                "-ext",
                "bc:c",
                "-validity",
                String.valueOf(caDays)));
    if (caStart != null) {
      caArgs.addAll(List.of("-startdate", caStart));
    }
    keytool(store(caArgs, ca));
    keytool(store(List.of("-exportcert", "-rfc", "-alias", "ca", "-file", caPem.toString()), ca));
    keytool(
        store(
            List.of(
                "-genkeypair",
                "-alias",
                "srv",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=nexconn-test-server"),
            server));
    keytool(store(List.of("-certreq", "-alias", "srv", "-file", csr.toString()), server));
    keytool(
        store(
            List.of(
                "-gencert",
                "-alias",
                "ca",
                "-infile",
                csr.toString(),
                "-outfile",
                serverPem.toString(),
                "-rfc",
                "-ext",
                serverExt,
                "-validity",
                String.valueOf(serverDays)),
            ca));
    keytool(
        store(
            List.of("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString()),
            server));
    keytool(store(List.of("-importcert", "-alias", "srv", "-file", serverPem.toString()), server));
    keytool(store(List.of("-delete", "-alias", "ca"), server));
    return new TestCertificates(server, caPem, serverPem);
  }

  /** A self-signed server certificate (no CA), {@code SAN=ip:127.0.0.1}, valid 2 days. */
  public static TestCertificates selfSigned(Path dir) throws Exception {
    Path server = dir.resolve("self.p12");
    Path pem = dir.resolve("self.pem");
    keytool(
        store(
            List.of(
                "-genkeypair",
                "-alias",
                "srv",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2"),
            server));
    keytool(
        store(List.of("-exportcert", "-rfc", "-alias", "srv", "-file", pem.toString()), server));
    return new TestCertificates(server, pem, pem);
  }

  /** HTTP server options that present this server certificate and its chain. */
  public HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(serverStore.toString()).setPassword(PASS));
  }

  private static String[] store(List<String> args, Path store) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS));
    return all.toArray(String[]::new);
  }

  private static void keytool(String... args) throws Exception {
    ToolProcess.Run run =
        ToolProcess.at(Path.of(System.getProperty("java.home"), "bin", "keytool")).run(30, args);
    assertThat(run.exitCode())
        .as(String.join(" ", args) + "\n" + run.stdout() + run.stderr())
        .isZero();
  }
}
