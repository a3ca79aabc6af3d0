package dev.nexconn.exporter.transport;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * When the upstream's certificates stop being valid, as its TLS handshake presented them.
 *
 * @param leafNotAfter the server (leaf) certificate's {@code notAfter}
 * @param earliestNotAfter the earliest {@code notAfter} of every certificate in the presented chain
 *     (the leaf included), so that an intermediate that runs out first shows here
 */
public record TlsExpiry(Instant leafNotAfter, Instant earliestNotAfter) {

  /** The expiry of a presented chain, leaf first; {@code null} when it holds no X.509 leaf. */
  static TlsExpiry of(Certificate[] chain) {
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return null;
    }
    Instant earliest = leaf.getNotAfter().toInstant();
    for (Certificate c : chain) {
      if (c instanceof X509Certificate x && x.getNotAfter().toInstant().isBefore(earliest)) {
        earliest = x.getNotAfter().toInstant();
      }
    }
    return new TlsExpiry(leaf.getNotAfter().toInstant(), earliest);
  }
}
