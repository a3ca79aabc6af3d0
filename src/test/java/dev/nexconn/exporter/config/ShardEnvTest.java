package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sharded StatefulSet: the replica's ordinal from the pod-index label or the pod name, explicit
 * user lists split so that no two replicas log in as the same user, and clear errors when the count
 * does not fit.
 */
class ShardEnvTest {
  private static final String UPSTREAM = "upstream: {url: \"ws://127.0.0.1:1/ws\"}\n";

  private static String usersConfig(int users) {
    List<String> ids = IntStream.range(0, users).mapToObj(i -> "u" + i).toList();
    return UPSTREAM
        + "probes:\n  groups:\n    - name: fixed\n      users: ["
        + String.join(", ", ids)
        + "]\n      token: {type: static, value: t}\n";
  }

  private static List<String> users(String yaml, Map<String, String> env) {
    return ConfigLoader.parse(yaml, env::get).probeGroups().get(0).userIds();
  }

  @Test
  void theIndexFallsBackToThePodNamesOrdinal() {
    assertThat(ShardEnv.of(Map.of("NEXCONN_POD_NAME", "nexconn-exporter-2")::get).index())
        .hasValue(2);
    assertThat(
            ShardEnv.of(
                    Map.of("NEXCONN_SHARD_INDEX", "1", "NEXCONN_POD_NAME", "nexconn-exporter-2")
                        ::get)
                .index())
        .as("the pod-index label wins")
        .hasValue(1);
    assertThat(ShardEnv.of(Map.of("NEXCONN_POD_NAME", "nexconn-exporter")::get).index())
        .isEqualTo(OptionalInt.empty());
    assertThat(ShardEnv.resolved(Map.of("OTHER", "x")::get).apply("OTHER")).isEqualTo("x");
  }

  @Test
  void aCountGroupsPrefixGetsTheOrdinalFromThePodNameOnOlderClusters() {
    String yaml =
        UPSTREAM
            + "probes:\n  groups:\n    - name: d\n      count: 2\n"
            + "      idPrefix: probe-${NEXCONN_SHARD_INDEX}-\n      token: {type: static, value: t}\n";
    Map<String, String> env =
        Map.of("NEXCONN_POD_NAME", "nexconn-exporter-2", "NEXCONN_SHARD_COUNT", "3");
    assertThat(users(yaml, env))
        .as("not split: the prefix is per replica")
        .containsExactly("probe-2-1", "probe-2-2");
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {1, 2, 3, 5})
  void everyListedUserBelongsToExactlyOneShard(int shards) {
    String yaml = usersConfig(11);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      List<String> mine =
          users(yaml, Map.of("NEXCONN_SHARD_INDEX", "" + i, "NEXCONN_SHARD_COUNT", "" + shards));
      int shard = i;
      assertThat(mine)
          .as("shard %d of %d", i, shards)
          .isNotEmpty()
          .allSatisfy(u -> assertThat(Integer.parseInt(u.substring(1)) % shards).isEqualTo(shard));
      all.addAll(mine);
    }
    assertThat(all).hasSize(11).doesNotHaveDuplicates();
  }

  @Test
  void userAtPositionIGoesToShardIModCount() {
    assertThat(
            users(usersConfig(7), Map.of("NEXCONN_SHARD_INDEX", "1", "NEXCONN_SHARD_COUNT", "3")))
        .containsExactly("u1", "u4");
  }

  @Test
  void withoutTheCountEveryReplicaKeepsTheWholeList() {
    assertThat(users(usersConfig(4), Map.of("NEXCONN_SHARD_INDEX", "1"))).hasSize(4);
    assertThat(users(usersConfig(4), new HashMap<String, String>())).hasSize(4);
  }

  @Test
  void anIndexNotBelowTheCountIsAnErrorNamingBothVariables() {
    assertThatThrownBy(
            () ->
                users(
                    usersConfig(6), Map.of("NEXCONN_SHARD_INDEX", "3", "NEXCONN_SHARD_COUNT", "3")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NEXCONN_SHARD_INDEX=3 is not below NEXCONN_SHARD_COUNT=3")
        .hasMessageContaining("replicas");
  }

  @Test
  void aListShorterThanTheShardsLeavesAShardNoneAndSaysSo() {
    assertThatThrownBy(
            () ->
                users(
                    usersConfig(2), Map.of("NEXCONN_SHARD_INDEX", "2", "NEXCONN_SHARD_COUNT", "3")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("probes.groups[0].users")
        .hasMessageContaining("lists 2 users for 3 shards")
        .hasMessageContaining("shard 2 has none");
  }
}
