/**
 * The one event model and the SDK's one vocabulary: the sealed {@link
 * dev.nexconn.exporter.event.ConnectionEvent} family, the seed's {@link
 * dev.nexconn.exporter.event.ConnectionStatus} codes, the SDK error codes with the status each
 * means per {@link dev.nexconn.exporter.event.Platform} ({@link
 * dev.nexconn.exporter.event.SdkErrorCode}), the event sources, token-failure reasons and refresh
 * outcomes as enums, and the {@link dev.nexconn.exporter.event.EventBus} that carries events from
 * sources to sinks. It imports no other package of the project: sources and sinks depend on it,
 * never the reverse.
 */
package dev.nexconn.exporter.event;
