package dev.nexconn.exporter.event;

import java.time.Instant;

/**
 * The local message database was opened ({@code databaseOpenedHandler(isRecreated, error)}).
 *
 * @param recreated true when the database was rebuilt and local data cleared
 * @param errorCode 0 when the database is available, otherwise the SDK error code (e.g. 33002)
 */
public record DatabaseOpened(
    EventSource source, Instant at, Dimensions dimensions, boolean recreated, int errorCode)
    implements ConnectionEvent {}
