/**
 * Immutable configuration records, loaded from YAML with environment substitution and validated
 * with errors that name the exact key ({@code probes.groups[0].count: ...}), and the one duration
 * grammar ({@code DurationText}). It only parses: each capability turns its own record into running
 * objects. It imports only {@code event} (for the closed set of event sources).
 */
package dev.nexconn.exporter.config;
