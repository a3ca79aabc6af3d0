/**
 * The upstream wire protocol v1 ({@code docs/protocol.md}): the {@link
 * dev.nexconn.exporter.transport.Frame} family, its JSON {@link
 * dev.nexconn.exporter.transport.FrameCodec}, the result codes, and the transport interface with
 * its implementation, a bare Netty WebSocket client on the Vert.x event loops ({@code ws://},
 * {@code wss://} with a custom CA, HTTP CONNECT or SOCKS5 proxies), and the Web SDK driver
 * transport that bridges real-service probes to the vendor's Web SDK run by a supervised Node child
 * process ({@code drivers/web-sdk}). It imports no other package of the project; the frame family
 * and codes are the protocol constants explicitly shared with the emulator.
 */
package dev.nexconn.exporter.transport;
