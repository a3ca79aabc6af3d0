/**
 * The sidecar's event inputs from real apps: SDK status reports posted by client apps ({@code POST
 * /api/v1/events}) and the Nexconn server's presence webhook ({@code POST
 * /api/v1/webhooks/nexconn}). It authenticates, limits, validates and de-duplicates requests and
 * turns them into {@link dev.nexconn.exporter.event.ConnectionEvent}s tagged {@code sdk} or {@code
 * webhook}, both endpoints on one path ({@code IdempotentEndpoint}), and builds itself from {@code
 * IngestConfig} ({@code IngestEndpoints}). It depends on {@code event}, {@code config} and {@code
 * api} only; it never imports a sink (metrics, alerting) and never keeps a user id, session id, IP
 * or key.
 */
package dev.nexconn.exporter.ingest;
