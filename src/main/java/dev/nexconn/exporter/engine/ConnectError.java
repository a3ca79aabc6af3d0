package dev.nexconn.exporter.engine;

/**
 * The seed's {@code NCError}: why a connect or the database open failed. The message never holds a
 * token or secret.
 *
 * @param code the SDK error code, e.g. 31004 (token invalid) or 33001 (not initialized)
 * @param message what happened and, where the user can act, what to do
 */
public record ConnectError(int code, String message) {}
