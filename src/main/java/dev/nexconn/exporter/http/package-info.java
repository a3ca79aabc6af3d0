/**
 * The one HTTP server at the edge: {@code /metrics}, the Kubernetes probes ({@code /livez}, {@code
 * /readyz}), {@code GET /api/v1/connections} from the {@link
 * dev.nexconn.exporter.http.ConnectionBoard}, {@code GET /api/v1/summary} from the {@link
 * dev.nexconn.exporter.http.StatusSummary}, and the status page. Routes of other packages (ingest,
 * alerting) are mounted by the root wiring through a router callback, so it reads only the {@code
 * event} package; no package but the root wiring imports it.
 */
package dev.nexconn.exporter.http;
