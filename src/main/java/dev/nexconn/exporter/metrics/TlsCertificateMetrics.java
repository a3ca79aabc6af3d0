package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.TlsCertificateSeen;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When the {@code wss://} upstream's certificates expire, as the last successful TLS handshake of a
 * probe presented them ({@link TlsCertificateSeen}): the leaf certificate's {@code notAfter} and
 * the earliest {@code notAfter} of the chain, in Unix seconds. Both are absent until a probe has
 * completed a TLS handshake (a {@code ws://} upstream never has them), so an absent series means
 * "no TLS seen", never "expired".
 *
 * <pre>
 * nexconn_upstream_certificate_expiry_timestamp_seconds 1.7643168E9
 * nexconn_upstream_chain_earliest_expiry_timestamp_seconds 1.7643168E9
 * </pre>
 */
final class TlsCertificateMetrics implements MeterBinder {
  private final AtomicReference<TlsCertificateSeen> last = new AtomicReference<>();
  private volatile MeterRegistry registry;
  private volatile boolean registered;

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (!(event instanceof TlsCertificateSeen seen) || registry == null) {
      return;
    }
    last.set(seen);
    if (!registered) {
      register();
    }
  }

  private synchronized void register() {
    if (registered) {
      return;
    }
    Gauge.builder(
            MetricNames.UPSTREAM_CERTIFICATE_EXPIRY,
            last,
            r -> r.get().leafNotAfter().toEpochMilli() / 1000.0)
        .description("Expiry (notAfter) of the upstream's TLS leaf certificate, Unix time")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(
            MetricNames.UPSTREAM_CHAIN_EARLIEST_EXPIRY,
            last,
            r -> r.get().chainEarliestNotAfter().toEpochMilli() / 1000.0)
        .description(
            "Earliest expiry (notAfter) of any certificate the upstream presents, Unix time")
        .baseUnit("seconds")
        .register(registry);
    registered = true;
  }
}
