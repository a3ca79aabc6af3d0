package dev.nexconn.exporter.transport;

import io.vertx.core.Future;
import java.net.InetAddress;

/**
 * Resolves the upstream's host name without blocking the event loop. The default is Vert.x's
 * resolver; tests inject one that knows a few names and answers every other with {@link
 * java.net.UnknownHostException}, so that no test sends a DNS query off the machine.
 */
@FunctionalInterface
public interface HostResolver {
  /** The address of {@code host}; fails with {@link java.net.UnknownHostException} when none. */
  Future<InetAddress> resolve(String host);
}
