/**
 * The shape of the sidecar's own HTTP API ({@code /api/v1/*}): one writer for JSON responses and
 * for the one error body, {@code {"error": CODE, "message": TEXT}}, used by every capability that
 * serves a route ({@code ingest}, {@code alerting}, {@code http}). A leaf: it imports nothing of
 * the project.
 */
package dev.nexconn.exporter.api;
