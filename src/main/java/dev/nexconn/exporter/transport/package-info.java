/**
 * The upstream wire protocol v1 ({@code docs/protocol.md}): the {@link
 * dev.nexconn.exporter.transport.Frame} family, its JSON {@link
 * dev.nexconn.exporter.transport.FrameCodec}, the result codes, and the transport interface with
 * its Vert.x WebSocket implementation. It imports no other package of the project; the frame family
 * and codes are the protocol constants explicitly shared with the emulator.
 */
package dev.nexconn.exporter.transport;
