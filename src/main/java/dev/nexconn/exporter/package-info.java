/**
 * The command line and the wiring: {@link dev.nexconn.exporter.Main} and its subcommands ({@code
 * run}, {@code emulator}, {@code check-config}, {@code version}), {@link
 * dev.nexconn.exporter.ExporterApp}, which connects the capabilities (each builds its own runtime
 * from its own config record) through the event bus and the HTTP router, and the demo that runs an
 * embedded emulator. It is the only package that may import every other one, the emulator included;
 * it holds no logic a capability package could own, and it never prints a secret, only the name of
 * the variable that holds it.
 */
package dev.nexconn.exporter;
