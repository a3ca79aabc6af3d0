package dev.nexconn.exporter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds secret files (API keys, webhook secret, App Secret, token files) that others can read or
 * anyone but their owner can write. A file owned by another user and readable through its group is
 * fine: that is how Kubernetes mounts a Secret with {@code fsGroup} (owner root, mode 0440).
 *
 * <pre>{@code
 * SecretFilePermissions.problems(config).forEach(p -> System.err.println(p.message()));
 * }</pre>
 */
public final class SecretFilePermissions {
  /** One secret file with too wide permissions. */
  public record Problem(String key, Path file, String mode) {
    /** The line to log: the file, its mode and the fix. */
    public String message() {
      return key
          + ": secret file "
          + file
          + " has mode "
          + mode
          + " (readable or writable by group or others): run chmod 600 "
          + file;
    }
  }

  private SecretFilePermissions() {}

  /** Every referenced secret file whose permissions are too wide, in config order. */
  public static List<Problem> problems(ExporterConfig config) {
    Map<String, Path> files = new LinkedHashMap<>();
    IngestConfig ingest = config.ingest();
    put(files, "ingest.apiKeysFile", ingest.apiKeysFile());
    put(files, "ingest.webhook.secretFile", ingest.webhookSecretFile());
    List<ProbeGroupConfig> groups = config.probeGroups();
    for (int i = 0; i < groups.size(); i++) {
      TokenConfig t = groups.get(i).token();
      put(files, "probes.groups[" + i + "].token.appSecretFile", t.appSecretFile());
      put(files, "probes.groups[" + i + "].token.file", t.file());
    }
    List<Problem> out = new ArrayList<>();
    files.forEach((key, file) -> check(key, file).ifPresent(out::add));
    return out;
  }

  /** The problem with {@code file}, if its permissions are too wide; absent files are not. */
  static Optional<Problem> check(String key, Path file) {
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    Set<PosixFilePermission> p = a.permissions();
    boolean ours = a.owner().getName().equals(System.getProperty("user.name"));
    boolean wide =
        p.contains(PosixFilePermission.OTHERS_READ)
            || p.contains(PosixFilePermission.OTHERS_WRITE)
            || p.contains(PosixFilePermission.GROUP_WRITE)
            || (ours && p.contains(PosixFilePermission.GROUP_READ));
    return wide
        ? Optional.of(new Problem(key, file, PosixFilePermissions.toString(p)))
        : Optional.empty();
  }

  private static void put(Map<String, Path> files, String key, Path file) {
    if (file != null) {
      files.put(key, file);
    }
  }
}
