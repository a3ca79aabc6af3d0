package dev.nexconn.exporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which shard of a StatefulSet this replica is, from the environment the overlay sets: {@code
 * NEXCONN_SHARD_INDEX} (the pod-index label, Kubernetes 1.28+), else the number after the last
 * {@code -} of {@code NEXCONN_POD_NAME} ({@code nexconn-exporter-2}); {@code NEXCONN_SHARD_COUNT}
 * the number of replicas. With both, an explicit {@code users} list of a probe group is split: the
 * user at position {@code i} (0-based) belongs to the shard {@code i mod count}, so replicas never
 * log in as the same user and kick each other. Groups built from {@code count} and {@code idPrefix}
 * are not split: their prefix carries the index ({@code probe-${NEXCONN_SHARD_INDEX}-}).
 *
 * @param index this replica's ordinal, when known
 * @param count the number of shards, when set
 */
public record ShardEnv(OptionalInt index, OptionalInt count) {
  public static final String INDEX = "NEXCONN_SHARD_INDEX";
  public static final String POD_NAME = "NEXCONN_POD_NAME";
  public static final String COUNT = "NEXCONN_SHARD_COUNT";
  private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");
  private static final Pattern ORDINAL_SUFFIX = Pattern.compile("-(\\d{1,6})$");

  /** Reads the shard from {@code env}; absent or malformed values are absent. */
  public static ShardEnv of(Function<String, String> env) {
    return new ShardEnv(number(resolved(env).apply(INDEX)), number(env.apply(COUNT)));
  }

  /**
   * {@code env} with {@code NEXCONN_SHARD_INDEX} taken from the pod name's ordinal when it is unset
   * or empty, so that {@code ${NEXCONN_SHARD_INDEX}} in a config works on clusters older than 1.28.
   */
  public static Function<String, String> resolved(Function<String, String> env) {
    return name -> {
      String v = env.apply(name);
      if (!INDEX.equals(name) || (v != null && !v.isBlank())) {
        return v;
      }
      String pod = env.apply(POD_NAME);
      Matcher m = pod == null ? null : ORDINAL_SUFFIX.matcher(pod.trim());
      return m != null && m.find() ? m.group(1) : v;
    };
  }

  /** Whether explicit user lists are split: both the index and the count are known. */
  public boolean sharded() {
    return index.isPresent() && count.isPresent();
  }

  /**
   * Keeps, in every {@code probes.groups[i].users} list of {@code root}, the users of this shard.
   *
   * @throws ConfigException when the index is not below the count, or a list leaves this shard no
   *     user
   */
  void splitUsers(JsonNode root) {
    if (!sharded()) {
      return;
    }
    int i = index.getAsInt();
    int n = count.getAsInt();
    if (n < 1 || i >= n) {
      throw new ConfigException(
          "",
          INDEX
              + "="
              + i
              + " is not below "
              + COUNT
              + "="
              + n
              + ": keep "
              + COUNT
              + " equal to the StatefulSet's replicas");
    }
    JsonNode groups = root.path("probes").path("groups");
    for (int g = 0; g < groups.size(); g++) {
      JsonNode users = groups.get(g).path("users");
      if (!(users instanceof ArrayNode listed) || listed.isEmpty()) {
        continue;
      }
      ArrayNode mine = listed.arrayNode();
      for (int u = i; u < listed.size(); u += n) {
        mine.add(listed.get(u));
      }
      if (mine.isEmpty()) {
        throw new ConfigException(
            "probes.groups[" + g + "].users",
            "lists "
                + listed.size()
                + " users for "
                + n
                + " shards ("
                + COUNT
                + "), so shard "
                + i
                + " has none: list at least "
                + n
                + " users or run fewer replicas");
      }
      ((ObjectNode) groups.get(g)).set("users", mine);
    }
  }

  private static OptionalInt number(String v) {
    return v != null && NUMBER.matcher(v.trim()).matches()
        ? OptionalInt.of(Integer.parseInt(v.trim()))
        : OptionalInt.empty();
  }
}
