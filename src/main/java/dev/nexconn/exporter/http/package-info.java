/**
 * The one HTTP server at the edge: {@code /metrics}, Kubernetes probes, the JSON API and the status
 * board that feeds it. It may use every other package; none may use it.
 */
package dev.nexconn.exporter.http;
