/**
 * How log lines look: one line per event in logfmt ({@code key=value}, values quoted when they need
 * it), written by {@link dev.nexconn.exporter.logging.LogfmtLayout} from SLF4J 2 key-value pairs. A
 * leaf: it imports nothing of the project.
 */
package dev.nexconn.exporter.logging;
