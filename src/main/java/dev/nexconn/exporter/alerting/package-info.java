/**
 * The sidecar's own alerting: spike rules evaluated on the event stream in small time buckets
 * ({@link dev.nexconn.exporter.alerting.SpikeDetector}), the alert lifecycle, the {@code
 * nexconn_alerts} and {@code nexconn_alert_notifications_total} series, {@code GET /api/v1/alerts},
 * and delivery to Alertmanager's v2 API and generic JSON webhooks with retries into a bounded
 * queue. It is a sink: it imports {@code event} and {@code config} only, never a source (engine,
 * ingest) nor the HTTP server.
 */
package dev.nexconn.exporter.alerting;
