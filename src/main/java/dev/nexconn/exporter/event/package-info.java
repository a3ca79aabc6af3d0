/**
 * The one event model: the sealed {@link dev.nexconn.exporter.event.ConnectionEvent} family, the
 * seed's {@link dev.nexconn.exporter.event.ConnectionStatus} codes and the {@link
 * dev.nexconn.exporter.event.EventBus} that carries events from sources to sinks. It imports no
 * other package of the project: sources and sinks depend on it, never the reverse.
 */
package dev.nexconn.exporter.event;
