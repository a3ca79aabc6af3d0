package dev.nexconn.exporter.event;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms a connection runs on: the client SDKs that report events, each with its own status
 * vocabulary, and the sidecar's own probes ({@link #PROBE}, which never report). Numbers differ per
 * platform: iOS uses the seed's {@code NCConnectionStatus} raw values, Android its own enum
 * numbers, Flutter the index of its smaller Dart enum; the Web SDK v5 reports event names only.
 * Every platform also accepts the seed's status names ({@code kicked_offline_by_other_client}), in
 * any case, with or without the {@code NCConnectionStatus} prefix and in camel case.
 */
public enum Platform {
  IOS(Map.of(), Map.of()),
  ANDROID(
      Map.ofEntries(
          Map.entry(-1, ConnectionStatus.NETWORK_UNAVAILABLE),
          Map.entry(0, ConnectionStatus.CONNECTED),
          Map.entry(1, ConnectionStatus.CONNECTING),
          Map.entry(2, ConnectionStatus.UNCONNECTED),
          Map.entry(3, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT),
          Map.entry(4, ConnectionStatus.TOKEN_INCORRECT),
          Map.entry(6, ConnectionStatus.DISCONN_EXCEPTION),
          Map.entry(12, ConnectionStatus.SIGN_OUT),
          Map.entry(13, ConnectionStatus.SUSPEND),
          Map.entry(14, ConnectionStatus.TIMEOUT),
          Map.entry(17, ConnectionStatus.PROXY_UNAVAILABLE),
          Map.entry(19, ConnectionStatus.USER_ABANDON)),
      Map.of(
          "kicked", ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT,
          "conn_user_blocked", ConnectionStatus.DISCONN_EXCEPTION,
          "signed_out", ConnectionStatus.SIGN_OUT,
          "suspended", ConnectionStatus.SUSPEND)),
  WEB(
      null,
      Map.of(
          "disconnect", ConnectionStatus.UNCONNECTED,
          "disconnected", ConnectionStatus.UNCONNECTED)),
  FLUTTER(
      Map.ofEntries(
          Map.entry(0, ConnectionStatus.NETWORK_UNAVAILABLE),
          Map.entry(1, ConnectionStatus.CONNECTED),
          Map.entry(2, ConnectionStatus.CONNECTING),
          Map.entry(3, ConnectionStatus.UNCONNECTED),
          Map.entry(4, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT),
          Map.entry(5, ConnectionStatus.TOKEN_INCORRECT),
          Map.entry(6, ConnectionStatus.DISCONN_EXCEPTION),
          Map.entry(7, ConnectionStatus.SIGN_OUT),
          Map.entry(8, ConnectionStatus.SUSPEND),
          Map.entry(9, ConnectionStatus.TIMEOUT),
          Map.entry(10, ConnectionStatus.UNKNOWN)),
      Map.of("conn_user_blocked", ConnectionStatus.DISCONN_EXCEPTION)),
  /** The sidecar's probe connections: they publish statuses, never report them. */
  PROBE(null, Map.of());

  private final Map<Integer, ConnectionStatus> codes;
  private final Map<String, ConnectionStatus> names;

  /** Most distinct spellings remembered per platform; only names that resolve are remembered. */
  static final int MAX_REMEMBERED_NAMES = 256;

  private final String label = name().toLowerCase(Locale.ROOT);
  private final Map<String, Optional<ConnectionStatus>> resolved = new ConcurrentHashMap<>();
  private volatile Recent[] recent = new Recent[4];

  Platform(Map<Integer, ConnectionStatus> codes, Map<String, ConnectionStatus> names) {
    this.codes = codes;
    this.names = names;
  }

  /**
   * The wire and label value: {@code ios}, {@code android}, {@code web}, {@code flutter} or {@code
   * probe}.
   */
  public String label() {
    return label;
  }

  /** True when this platform reports statuses as numbers (the Web SDK reports event names). */
  public boolean acceptsNumericStatus() {
    return codes != null;
  }

  /** The platform's numeric status code, if it is one of its enum's values. */
  public Optional<ConnectionStatus> statusForCode(int code) {
    if (codes == null) {
      return Optional.empty();
    }
    if (codes.isEmpty()) {
      return ConnectionStatus.fromCode(code);
    }
    return Optional.ofNullable(codes.get(code));
  }

  /**
   * A status name: the platform's own enum name ({@code KICKED} on Android, {@code SUSPEND} on Web)
   * or any seed name, in snake, upper or camel case, with or without the {@code NCConnectionStatus}
   * prefix.
   */
  public Optional<ConnectionStatus> statusForName(String raw) {
    // Apps send the same few spellings over and over: remember the ones that resolved, so the
    // per-event cost is one map lookup instead of normalizing the name.
    // The last few spellings first, by equals: each event's status is a fresh string whose hash
    // is not cached yet, and comparing a few short strings is cheaper than hashing one.
    Recent[] last = recent;
    for (Recent r : last) {
      if (r != null && r.raw.equals(raw)) {
        return r.status;
      }
    }
    Optional<ConnectionStatus> known = resolved.get(raw);
    if (known != null) {
      remember(raw, known);
      return known;
    }
    Optional<ConnectionStatus> found = resolve(raw);
    if (found.isPresent() && resolved.size() < MAX_REMEMBERED_NAMES) {
      resolved.put(raw, found);
      remember(raw, found);
    }
    return found;
  }

  private record Recent(String raw, Optional<ConnectionStatus> status) {}

  private void remember(String raw, Optional<ConnectionStatus> status) {
    // Racy on purpose: a lost update only costs a later map lookup.
    Recent[] next = recent.clone();
    System.arraycopy(next, 0, next, 1, next.length - 1);
    next[0] = new Recent(raw, status);
    recent = next;
  }

  private Optional<ConnectionStatus> resolve(String raw) {
    String normalized = normalize(raw);
    ConnectionStatus own = names.get(normalized);
    if (own != null) {
      return Optional.of(own);
    }
    return ConnectionStatus.fromLabel(normalized);
  }

  /** True for the client SDK platforms that post reports (every platform but {@link #PROBE}). */
  public boolean reports() {
    return this != PROBE;
  }

  /** The reporting platform with this wire name, case-insensitive ({@code probe} is not one). */
  public static Optional<Platform> fromLabel(String raw) {
    for (Platform p : values()) {
      if (p.reports() && p.label.equalsIgnoreCase(raw.trim())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** A status name in snake case, without the SDKs' prefixes. */
  public static String normalize(String raw) {
    String s = raw.trim();
    for (String prefix : new String[] {"NCConnectionStatus", "RCConnectionStatus"}) {
      if (s.startsWith(prefix) && s.length() > prefix.length()) {
        s = s.substring(prefix.length());
      }
    }
    if (s.startsWith("ConnectionStatus_")) {
      s = s.substring("ConnectionStatus_".length());
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean boundary =
          i > 0
              && Character.isUpperCase(c)
              && (Character.isLowerCase(s.charAt(i - 1)) || Character.isDigit(s.charAt(i - 1)));
      if (boundary) {
        out.append('_');
      }
      out.append(c == '-' || c == ' ' ? '_' : Character.toLowerCase(c));
    }
    return out.toString();
  }
}
