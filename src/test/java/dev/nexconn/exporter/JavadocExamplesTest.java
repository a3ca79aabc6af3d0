package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example in a main class's javadoc ({@code <pre>{@code ...}</pre>} holding a {@code ;})
 * compiles against today's API: each becomes the body of a method of a class whose fields declare
 * the names the examples use ({@code vertx}, {@code config}, {@code bus}...). YAML, HTTP and
 * log-line examples hold no {@code ;} and are not Java.
 */
class JavadocExamplesTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern EXAMPLE =
      Pattern.compile("<pre>\\{@code\\n(.*?)}</pre>", Pattern.DOTALL);

  private static final String PREAMBLE =
      """
      import dev.nexconn.exporter.ExporterApp;
      import dev.nexconn.exporter.alerting.*;
      import dev.nexconn.exporter.api.*;
      import dev.nexconn.exporter.config.*;
      import dev.nexconn.exporter.emulator.*;
      import dev.nexconn.exporter.engine.*;
      import dev.nexconn.exporter.event.*;
      import dev.nexconn.exporter.http.*;
      import dev.nexconn.exporter.ingest.*;
      import dev.nexconn.exporter.metrics.*;
      import dev.nexconn.exporter.token.*;
      import dev.nexconn.exporter.transport.*;
      import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
      import io.vertx.core.Vertx;
      import io.vertx.core.http.HttpServerRequest;
      import io.vertx.ext.web.Router;
      import io.vertx.ext.web.RoutingContext;
      import io.vertx.ext.web.client.WebClient;
      import java.net.URI;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.time.Clock;
      import java.time.Duration;
      import java.util.List;
      import java.util.Map;
      import java.util.SplittableRandom;
      import java.util.function.Function;
      import java.util.random.RandomGenerator;

      @SuppressWarnings("unused")
      abstract class Examples {
        Vertx vertx; ExporterConfig config; Clock clock; EventBus bus; RandomGenerator random;
        PrometheusMeterRegistry registry; Router router; RoutingContext ctx; WebClient webClient;
        Function<String, String> env; HttpServerVerticle http; ConnectionBoard board;
        List<ReadinessCheck> checks; ProbeSettings settings; String token; String json0;
        DatabaseOpenedHandler onDb; CompletionHandler onDone; UpstreamTransport transport;
        SharedSecrets keys; RateLimiter limiter; BatchWindow<io.vertx.core.json.JsonObject> window;
        ReportParser parser; IngestMetrics metrics; Path path; HttpServerRequest request;
        ConnectionEvent event; Dispatcher dispatcher; EmulatorVerticle emulator;
        ConnectionEngine engine;
        interface Dispatcher { void onChange(Alert alert); }
        String apiKey; String webhookSecret; String secret; String key; String text0;
        RateLimiter rateLimiter;
        com.fasterxml.jackson.databind.JsonNode json;
      """;

  @Test
  void everyJavaExampleCompiles(@TempDir Path out) throws IOException {
    StringBuilder source = new StringBuilder(PREAMBLE);
    List<String> where = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = EXAMPLE.matcher(Files.readString(f));
        while (m.find()) {
          String body = m.group(1).replaceAll("(?m)^\\s*\\* ?", "");
          if (!body.contains(";") || body.contains("POST /") || body.contains("GET /")) {
            continue;
          }
          where.add(MAIN.relativize(f).toString());
          source
              .append("  // ")
              .append(MAIN.relativize(f))
              .append("\n  void example")
              .append(where.size())
              .append("() throws Exception {\n")
              .append(body)
              .append("\n  }\n");
        }
      }
    }
    source.append("}\n");
    assertThat(where).hasSizeGreaterThan(20);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject unit =
        new SimpleJavaFileObject(
            URI.create("string:///Examples.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    boolean ok =
        compiler
            .getTask(
                new StringWriter(),
                null,
                diagnostics,
                List.of(
                    "-proc:none",
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString()),
                null,
                List.of(unit))
            .call();
    StringBuilder errors = new StringBuilder();
    String[] lines = source.toString().split("\n", -1);
    diagnostics
        .getDiagnostics()
        .forEach(
            d -> {
              int line = (int) d.getLineNumber();
              String origin = "";
              for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
                if (lines[i].startsWith("  // ")) {
                  origin = lines[i].substring(5);
                  break;
                }
              }
              errors.append(origin).append(": ").append(d.getMessage(null)).append('\n');
            });
    assertThat(ok).as("javadoc examples that do not compile:\n%s", errors).isTrue();
  }
}
