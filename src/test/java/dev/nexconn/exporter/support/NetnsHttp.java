package dev.nexconn.exporter.support;

import java.nio.file.Path;

/**
 * HTTP GET against loopback inside another process's network namespace (a sidecar started under
 * {@code unshare -n}, whose 127.0.0.1 is not the test's): {@code nsenter --net=/proc/PID/ns/net}
 * runs {@code node}'s {@code fetch} there. Needs root, {@code nsenter} and {@code node}.
 */
public final class NetnsHttp {
  private static final String FETCH =
      "fetch(process.argv[1]).then(async r => { process.stdout.write(String(r.status) + '\\n');"
          + " process.stdout.write(await r.text()); }).catch(e => { console.error(String(e));"
          + " process.exit(3); })";

  private final long pid;
  private final ToolProcess nsenter = ToolProcess.require("nsenter", "util-linux");
  private final Path node = ExternalTool.require("node", "nodejs");

  /** Requests go to the network namespace of process {@code pid}. */
  public NetnsHttp(long pid) {
    this.pid = pid;
  }

  /** The body of a 200 answer to {@code GET url}; fails on any other status. */
  public String get(String url) throws Exception {
    ToolProcess.Run run =
        nsenter.run(20, "--net=/proc/" + pid + "/ns/net", node.toString(), "-e", FETCH, url);
    if (run.exitCode() != 0 || !run.stdout().startsWith("200\n")) {
      throw new AssertionError(
          "GET " + url + " in the namespace of " + pid + ": " + run.stdout() + run.stderr());
    }
    return run.stdout().substring(4);
  }

  /** A command's stdout, run in the namespace (e.g. {@code ip -o link show}). */
  public String run(String... command) throws Exception {
    String[] args = new String[command.length + 1];
    args[0] = "--net=/proc/" + pid + "/ns/net";
    System.arraycopy(command, 0, args, 1, command.length);
    ToolProcess.Run run = nsenter.run(20, args);
    if (run.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + ": " + run.stderr());
    }
    return run.stdout();
  }
}
