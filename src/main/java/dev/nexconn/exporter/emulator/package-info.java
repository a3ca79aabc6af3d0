/**
 * A Nexconn server emulator for the demo, the tests and the benchmarks: the protocol v1 connection
 * endpoint and the Server API v4 with real request signing. Production code never imports it; it
 * imports only the protocol constants of the transport package, which are shared on purpose.
 */
package dev.nexconn.exporter.emulator;
