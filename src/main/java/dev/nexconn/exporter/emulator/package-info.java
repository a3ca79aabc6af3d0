/**
 * A Nexconn server emulator for the demo, the tests and the benchmarks: the protocol v1 connection
 * endpoint (multi-device rules, bans, soft-delete, token expiry), the Server API v4 with real
 * request signing, presence webhooks, a fault admin API, scenarios and a virtual-app simulator of
 * virtual client apps that report to the sidecar. Production code never imports it; it imports only
 * the protocol classes of the transport package (frames, codec, codes), which are shared on
 * purpose.
 */
package dev.nexconn.exporter.emulator;
