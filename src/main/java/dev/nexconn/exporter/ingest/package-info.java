/**
 * The fleet's inputs: SDK status reports posted by client apps ({@code POST /api/v1/events}) and
 * the Nexconn server's presence webhook ({@code POST /api/v1/webhooks/nexconn}). It authenticates,
 * limits, validates and de-duplicates requests and turns them into {@link
 * dev.nexconn.exporter.event.ConnectionEvent}s tagged {@code sdk} or {@code webhook}. It depends on
 * the {@code event} package only; it never imports a sink (metrics, alerting) and never keeps a
 * user id, session id, IP or key.
 */
package dev.nexconn.exporter.ingest;
