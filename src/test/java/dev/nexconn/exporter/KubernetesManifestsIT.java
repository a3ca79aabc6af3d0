package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.TokenConfig;
import dev.nexconn.exporter.config.WebSdkDriverConfig;
import dev.nexconn.exporter.support.KubernetesSchemaValidator;
import dev.nexconn.exporter.support.ToolProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds every kustomization under {@code k8s/} with {@code kubectl kustomize} and validates every
 * emitted object, custom resources included, against its Kubernetes schema; then checks what the
 * sidecar needs from its pod: probes, security context, writable volumes, secrets by reference and
 * a config that the real config loader accepts.
 */
class KubernetesManifestsIT {
  private static final Path K8S = Path.of("k8s");
  private static final String SIDECAR = "nexconn-exporter";
  private final KubernetesSchemaValidator validator = new KubernetesSchemaValidator();

  static Stream<String> kustomizations() throws IOException {
    List<String> dirs = new ArrayList<>();
    dirs.add("base");
    try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
      overlays
          .filter(d -> Files.exists(d.resolve("kustomization.yaml")))
          .map(d -> "overlays/" + d.getFileName())
          .sorted()
          .forEach(dirs::add);
    }
    assertThat(dirs)
        .contains("overlays/native-sidecar", "overlays/classic-sidecar", "overlays/web-sdk-probes");
    return dirs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void everyObjectBuildsAndMatchesItsSchema(String dir) throws Exception {
    List<HasMetadata> objects = build(dir);

    assertThat(objects).extracting(HasMetadata::getKind).contains("ConfigMap", "Service");
    assertThat(objects).noneMatch(o -> o instanceof Secret);
    PodTemplateSpec pod = workload(objects).orElseThrow();
    Container sidecar = sidecar(pod.getSpec());

    assertSecure(pod.getSpec(), sidecar);
    assertProbes(sidecar);
    assertWritable(sidecar, "/var/lib/nexconn");
    assertWritable(sidecar, "/tmp");
    assertThat(sidecar.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(sidecar.getResources().getLimits()).containsKey("memory");
    assertSecretsAreReferences(sidecar);
    assertConfigLoads(objects, sidecar);
    assertSelectorsMatch(objects, pod, sidecar);
    assertRulesParse(objects);
  }

  @Test
  void nativeSidecarIsARestartableInitContainer() throws Exception {
    PodSpec spec = workload(build("overlays/native-sidecar")).orElseThrow().getSpec();
    assertThat(spec.getInitContainers())
        .filteredOn(c -> c.getName().equals(SIDECAR))
        .singleElement()
        .extracting(Container::getRestartPolicy)
        .isEqualTo("Always");
  }

  @Test
  void webSdkProbesRunTheDriverImageWithMemoryForEveryProbeItMayHold() throws Exception {
    List<HasMetadata> objects = build("overlays/web-sdk-probes");
    Container sidecar = sidecar(workload(objects).orElseThrow().getSpec());
    assertThat(sidecar.getImage()).isEqualTo("nexconn-exporter:0.1.0-web-sdk");
    ConfigMap map =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .filter(m -> m.getData().containsKey("config.yaml"))
            .findFirst()
            .orElseThrow();
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : sidecar.getEnv()) {
      env.put(e.getName(), e.getValue() != null ? e.getValue() : "from-reference");
    }
    ExporterConfig config = ConfigLoader.parse(map.getData().get("config.yaml"), env::get);
    var sdk = config.upstream().webSdk();
    assertThat(sdk).as("upstream.type: web-sdk").isNotNull();
    assertThat(sdk.production()).isTrue();
    assertThat(sdk.driver().dir()).isEqualTo(WebSdkDriverConfig.DEFAULT_DIR);
    assertThat(config.probeGroups())
        .allMatch(g -> g.token().kind() == TokenConfig.Kind.SERVER_API)
        .allMatch(
            g ->
                g.token()
                    .appSecretFile()
                    .startsWith(java.nio.file.Path.of("/var/run/secrets/nexconn")),
            "mounted");
    assertThat(sidecar.getVolumeMounts())
        .anyMatch(m -> m.getMountPath().equals("/var/run/secrets/nexconn"));
    // The base's JVM limit plus the driver (42 MB) and the highest measured 37 MB per probe, for
    // as many probes as the config allows (more would be a config error).
    Container base = sidecar(workload(build("base")).orElseThrow().getSpec());
    long jvm = bytes(base.getResources().getLimits().get("memory"));
    long needed = jvm + 42_000_000L + sdk.driver().maxProbes() * 37_000_000L;
    assertThat(bytes(sidecar.getResources().getLimits().get("memory")))
        .isGreaterThanOrEqualTo(needed);
    assertThat(bytes(sidecar.getResources().getRequests().get("memory")))
        .isGreaterThanOrEqualTo(
            bytes(base.getResources().getRequests().get("memory"))
                + 42_000_000L
                + config.probeGroups().stream().mapToLong(g -> g.userIds().size()).sum()
                    * 28_000_000L);
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-Xmx");
  }

  private static long bytes(io.fabric8.kubernetes.api.model.Quantity q) {
    return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(q).longValueExact();
  }

  @Test
  void classicSidecarIsAnOrdinaryContainer() throws Exception {
    PodSpec spec = workload(build("overlays/classic-sidecar")).orElseThrow().getSpec();
    assertThat(spec.getInitContainers()).noneMatch(c -> c.getName().equals(SIDECAR));
    assertThat(spec.getContainers())
        .filteredOn(c -> c.getName().equals(SIDECAR))
        .singleElement()
        .extracting(Container::getRestartPolicy)
        .isNull();
    assertThat(spec.getContainers()).hasSize(2);
  }

  @Test
  void statefulSetReplicasLearnTheirOrdinal() throws Exception {
    List<HasMetadata> objects = build("overlays/statefulset");
    assertThat(objects).noneMatch(o -> o instanceof Deployment);
    StatefulSet set =
        objects.stream()
            .filter(StatefulSet.class::isInstance)
            .map(StatefulSet.class::cast)
            .findFirst()
            .orElseThrow();
    Map<String, EnvVar> env = env(sidecar(set.getSpec().getTemplate().getSpec()));
    assertThat(env.get("NEXCONN_SHARD_INDEX").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
    assertThat(env.get("NEXCONN_POD_NAME").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
    assertThat(env.get("NEXCONN_SHARD_COUNT").getValue())
        .isEqualTo(String.valueOf(set.getSpec().getReplicas()));
    String config =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .findFirst()
            .orElseThrow()
            .getData()
            .get("config.yaml");
    List<String> replica0 = probeUsers(config, "0");
    List<String> replica1 = probeUsers(config, "1");
    assertThat(replica0).isNotEmpty().doesNotContainAnyElementsOf(replica1);
    assertThat(replica1).isNotEmpty().allMatch(u -> u.startsWith("probe-1-"));
    assertThat(set.getSpec().getVolumeClaimTemplates())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("nexconn-data");
  }

  private List<HasMetadata> build(String dir) throws Exception {
    ToolProcess kubectl = ToolProcess.require("kubectl", "kubectl");
    ToolProcess.Run run = kubectl.run(60, "kustomize", K8S.resolve(dir).toString());
    assertThat(run.exitCode()).as("kubectl kustomize %s: %s", dir, run.stderr()).isZero();
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        new YAMLMapper().readerFor(JsonNode.class).readValues(run.stdout())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    List<HasMetadata> objects = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try {
      objects.addAll(validator.validateAll(docs));
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
    }
    assertThat(errors).as("schema violations in %s", dir).isEmpty();
    assertThat(objects).as("objects emitted by %s", dir).isNotEmpty();
    return objects;
  }

  private static Optional<PodTemplateSpec> workload(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d) {
        return Optional.of(d.getSpec().getTemplate());
      }
      if (o instanceof StatefulSet s) {
        return Optional.of(s.getSpec().getTemplate());
      }
    }
    return Optional.empty();
  }

  private static Container sidecar(PodSpec spec) {
    return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
        .filter(c -> c.getName().equals(SIDECAR))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container named " + SIDECAR));
  }

  private static void assertSecure(PodSpec pod, Container c) {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    for (Container any :
        Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
      var sc = any.getSecurityContext();
      assertThat(sc).as("securityContext of %s", any.getName()).isNotNull();
      assertThat(sc.getRunAsNonRoot()).as(any.getName()).isTrue();
      assertThat(sc.getReadOnlyRootFilesystem()).as(any.getName()).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).as(any.getName()).isFalse();
      assertThat(sc.getCapabilities().getDrop()).as(any.getName()).containsExactly("ALL");
    }
    assertThat(c.getImage()).startsWith("nexconn-exporter:");
  }

  private static void assertProbes(Container c) {
    Probe startup = c.getStartupProbe();
    Probe liveness = c.getLivenessProbe();
    Probe readiness = c.getReadinessProbe();
    assertThat(startup.getHttpGet().getPath()).isEqualTo("/livez");
    assertThat(liveness.getHttpGet().getPath()).isEqualTo("/livez");
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/readyz");
    List<String> ports = c.getPorts().stream().map(p -> p.getName()).toList();
    for (Probe p : List.of(startup, liveness, readiness)) {
      assertThat(ports).contains(p.getHttpGet().getPort().getStrVal());
    }
    // The JVM gets a minute to start; liveness restarts only after 30 s without an answer.
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .isGreaterThanOrEqualTo(60);
    assertThat(liveness.getPeriodSeconds() * liveness.getFailureThreshold())
        .isGreaterThanOrEqualTo(30);
  }

  private static void assertWritable(Container c, String path) {
    assertThat(c.getVolumeMounts())
        .filteredOn(m -> m.getMountPath().equals(path))
        .singleElement()
        .extracting(VolumeMount::getReadOnly)
        .isNotEqualTo(Boolean.TRUE);
  }

  private static void assertSecretsAreReferences(Container c) {
    for (EnvVar e : c.getEnv()) {
      if (e.getName().matches(".*(KEY|SECRET|TOKEN|PASSWORD).*")) {
        assertThat(e.getValue()).as("env %s must come from a Secret", e.getName()).isNull();
        assertThat(e.getValueFrom().getSecretKeyRef()).as(e.getName()).isNotNull();
      }
    }
  }

  private static void assertConfigLoads(List<HasMetadata> objects, Container c) {
    String mounted =
        c.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/etc/nexconn"))
            .findFirst()
            .orElseThrow()
            .getName();
    assertThat(mounted).isNotBlank();
    ConfigMap map =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .filter(m -> m.getData().containsKey("config.yaml"))
            .findFirst()
            .orElseThrow();
    assertThat(c.getArgs()).containsSequence("--config", "/etc/nexconn/config.yaml");
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : c.getEnv()) {
      env.put(e.getName(), e.getValue() != null ? e.getValue() : "from-reference");
    }
    ExporterConfig config = ConfigLoader.parse(map.getData().get("config.yaml"), env::get);
    assertThat(config.http().port()).isEqualTo(c.getPorts().get(0).getContainerPort());
    assertThat(config.probeGroups()).isNotEmpty();
  }

  private static void assertSelectorsMatch(
      List<HasMetadata> objects, PodTemplateSpec pod, Container sidecar) {
    Map<String, String> podLabels = pod.getMetadata().getLabels();
    Service service =
        objects.stream()
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .filter(s -> s.getMetadata().getName().equals(SIDECAR))
            .findFirst()
            .orElseThrow();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    // A number, not a name: endpoint controllers before native sidecars only look up names on
    // regular containers.
    assertThat(service.getSpec().getPorts())
        .extracting(p -> p.getTargetPort().getIntVal())
        .containsOnly(sidecar.getPorts().get(0).getContainerPort());
    ServiceMonitor monitor =
        objects.stream()
            .filter(ServiceMonitor.class::isInstance)
            .map(ServiceMonitor.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getName)
        .contains(monitor.getSpec().getEndpoints().get(0).getPort());
    objects.stream()
        .filter(PodDisruptionBudget.class::isInstance)
        .map(PodDisruptionBudget.class::cast)
        .forEach(
            pdb ->
                assertThat(podLabels)
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
  }

  /** Any PrometheusRule in the build (the shipped alert rules) must also satisfy promtool. */
  private static void assertRulesParse(List<HasMetadata> objects) throws Exception {
    List<PrometheusRule> rules =
        objects.stream()
            .filter(PrometheusRule.class::isInstance)
            .map(PrometheusRule.class::cast)
            .toList();
    if (rules.isEmpty()) {
      return;
    }
    ToolProcess promtool = ToolProcess.require("promtool", "prometheus");
    for (PrometheusRule rule : rules) {
      Path file = Files.createTempFile("prometheusrule", ".yml");
      try {
        Files.writeString(
            file,
            new YAMLMapper().writeValueAsString(Map.of("groups", rule.getSpec().getGroups())));
        ToolProcess.Run run = promtool.run(60, "check", "rules", file.toString());
        assertThat(run.exitCode())
            .as(
                "promtool on PrometheusRule %s: %s",
                rule.getMetadata().getName(), run.stdout() + run.stderr())
            .isZero();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  private static List<String> probeUsers(String config, String shardIndex) {
    Map<String, String> env =
        Map.of(
            "NEXCONN_SHARD_INDEX", shardIndex,
            "NEXCONN_UPSTREAM_URL", "wss://upstream.example/v1/connect",
            "NEXCONN_API_URL", "https://api.example",
            "NEXCONN_APP_KEY", "key");
    return ConfigLoader.parse(config, env::get).probeGroups().stream()
        .flatMap(g -> g.userIds().stream())
        .toList();
  }

  private static Map<String, EnvVar> env(Container c) {
    Map<String, EnvVar> out = new HashMap<>();
    c.getEnv().forEach(e -> out.put(e.getName(), e));
    return out;
  }
}
