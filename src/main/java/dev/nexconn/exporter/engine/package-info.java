/**
 * Probe connections: the SDK connection contract (statuses, timeout, reconnect policy,
 * reconnectKickEnable, token refresh, local database) for the monitored connections the sidecar
 * keeps open. It publishes {@link dev.nexconn.exporter.event.ConnectionEvent}s and uses the
 * transport and token packages; it knows nothing of HTTP, metrics or alerting.
 */
package dev.nexconn.exporter.engine;
