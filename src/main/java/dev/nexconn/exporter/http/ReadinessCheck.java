package dev.nexconn.exporter.http;

import java.util.function.BooleanSupplier;

/**
 * One named condition of {@code /readyz}. Readiness reflects only the sidecar itself: an upstream
 * outage must never make the pod unready.
 *
 * @param id the check name shown in the JSON body
 * @param up evaluated on every request; must be cheap and non-blocking
 */
public record ReadinessCheck(String id, BooleanSupplier up) {}
