/**
 * Micrometer binders that turn connection events and live state into Prometheus series, and the
 * metric names in one place. It consumes {@link dev.nexconn.exporter.event.ConnectionEvent}s only:
 * it never imports a source (engine, ingest) or the HTTP layer. Labels are bounded: no user id,
 * session id or IP ever becomes a label.
 */
package dev.nexconn.exporter.metrics;
