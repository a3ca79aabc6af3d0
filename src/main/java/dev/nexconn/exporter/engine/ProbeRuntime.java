package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.transport.UpstreamTransport;
import java.time.Clock;

/**
 * What every probe of one engine shares at run time, fixed by {@link ConnectionEngine#initialize}:
 * one instance per engine, referenced by each probe, so a probe reaches its options, event
 * publisher, transport, clock and instance id through one field instead of through the engine.
 *
 * @param options the engine-wide options
 * @param events where probe events are published
 * @param transport opens upstream links
 * @param clock the injected clock
 * @param instanceId 8 hex characters; the first half of every device id
 */
record ProbeRuntime(
    EngineOptions options,
    ProbeEvents events,
    UpstreamTransport transport,
    Clock clock,
    String instanceId) {

  long now() {
    return clock.millis();
  }
}
