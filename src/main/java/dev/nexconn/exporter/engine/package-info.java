/**
 * Probe connections: the SDK connection contract (statuses, timeout, reconnect policy,
 * reconnectKickEnable, token refresh with its guard, local database) for the monitored connections
 * the sidecar keeps open, sharded over the event loops with one timing wheel per shard and a
 * connect-rate cap shared by all. It publishes {@link dev.nexconn.exporter.event.ConnectionEvent}s
 * and uses the transport and token packages; it knows nothing of HTTP, metrics or alerting.
 */
package dev.nexconn.exporter.engine;
