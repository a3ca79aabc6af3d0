package dev.nexconn.exporter.event;

import java.time.Instant;

/**
 * A TLS handshake with the upstream succeeded and presented certificates that stop being valid at
 * these times.
 *
 * @param leafNotAfter the server certificate's expiry
 * @param chainEarliestNotAfter the earliest expiry of every presented certificate, leaf included
 */
public record TlsCertificateSeen(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    Instant leafNotAfter,
    Instant chainEarliestNotAfter)
    implements ConnectionEvent {}
