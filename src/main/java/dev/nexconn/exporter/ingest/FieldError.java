package dev.nexconn.exporter.ingest;

/**
 * One bad field of a request body, named by its JSON path ({@code events[3].status}).
 *
 * @param path where the problem is, {@code ""} for the whole body
 * @param message what is wrong and how to fix it; never echoes a secret
 */
public record FieldError(String path, String message) {}
