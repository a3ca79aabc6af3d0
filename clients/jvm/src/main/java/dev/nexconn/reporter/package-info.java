/**
 * A connection-health reporter for Android and other JVM apps: the app calls it from its Nexconn
 * SDK callbacks and it posts SDK reports to the nexconn-exporter sidecar's {@code POST
 * /api/v1/events} ({@code docs/ingest.md}). Java 8 source level, no dependencies, {@code
 * HttpURLConnection}.
 */
package dev.nexconn.reporter;
