/**
 * Micrometer binders that turn connection events and live state into Prometheus series, and the
 * metric names in one place; {@link dev.nexconn.exporter.metrics.EventMetrics} is the one binder
 * the wiring binds and subscribes, composed of a package-private binder per event family. It
 * consumes {@link dev.nexconn.exporter.event.ConnectionEvent}s only: it never imports a source
 * (engine, ingest) or the HTTP layer. Labels are bounded: no user id, session id or IP ever becomes
 * a label.
 */
package dev.nexconn.exporter.metrics;
