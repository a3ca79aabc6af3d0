package dev.nexconn.exporter.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Web SDK driver's supervision as metrics, registered only with {@code upstream.type: web-sdk}
 * ({@code docs/metrics.md}, "Web SDK driver"). Every series reads the live transport; no label
 * carries a host, user or probe id.
 *
 * <pre>
 * nexconn_web_sdk_driver_up 1.0
 * nexconn_web_sdk_driver_incidents_total{reason="exited"} 1.0
 * nexconn_web_sdk_driver_incidents_total{reason="hung"} 0.0
 * nexconn_web_sdk_driver_incidents_total{reason="start_failed"} 0.0
 * nexconn_web_sdk_refused_requests_total 14.0
 * nexconn_web_sdk_driver_probes 3.0
 * nexconn_web_sdk_driver_memory_bytes 1.472E8
 * </pre>
 */
public final class WebSdkDriverMetrics implements MeterBinder {
  private final WebSdkDriverTransport transport;

  public WebSdkDriverMetrics(WebSdkDriverTransport transport) {
    this.transport = transport;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("nexconn.web.sdk.driver.up", transport, t -> t.driverPid() > 0 ? 1 : 0)
        .description("1 while the Web SDK driver process runs, 0 while it is down or restarting")
        .register(registry);
    for (WebSdkDriverIncident reason : WebSdkDriverIncident.values()) {
      FunctionCounter.builder(
              "nexconn.web.sdk.driver.incidents", transport, t -> t.incidents(reason))
          .description("Web SDK driver incidents: every probe it held dropped, then a restart")
          .baseUnit("incidents")
          .tag("reason", reason.label())
          .register(registry);
    }
    FunctionCounter.builder(
            "nexconn.web.sdk.refused.requests", transport, WebSdkDriverTransport::refusedAttempts)
        .description(
            "URLs the Web SDK tried that the driver refused before any DNS lookup (not loopback,"
                + " not in allowHosts, production false)")
        .baseUnit("requests")
        .register(registry);
    Gauge.builder("nexconn.web.sdk.driver.probes", transport, WebSdkDriverTransport::openLinks)
        .description("Probes (worker threads with an SDK instance) the driver holds now")
        .baseUnit("probes")
        .register(registry);
    Gauge.builder(
            "nexconn.web.sdk.driver.memory", transport, WebSdkDriverTransport::driverMemoryBytes)
        .description("Resident memory of the driver process at its last health answer")
        .baseUnit("bytes")
        .register(registry);
  }
}
