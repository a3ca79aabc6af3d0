/**
 * Immutable configuration records, loaded from YAML with environment substitution and validated
 * with errors that name the exact key ({@code probes.groups[0].count: ...}). It imports no other
 * package of the project.
 */
package dev.nexconn.exporter.config;
