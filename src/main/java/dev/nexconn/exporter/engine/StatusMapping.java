package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.transport.ProtocolCodes;

/**
 * Which connection status a protocol code leads to, as documented in {@code docs/protocol.md}.
 * Unmapped codes become {@link ConnectionStatus#UNKNOWN}.
 */
final class StatusMapping {
  private StatusMapping() {}

  /** The status after the server refused a connect with {@code code}. */
  static ConnectionStatus forConnAck(int code) {
    return switch (code) {
      case ProtocolCodes.OK -> ConnectionStatus.CONNECTED;
      case ProtocolCodes.TOKEN_INCORRECT, ProtocolCodes.TOKEN_EXPIRED ->
          ConnectionStatus.TOKEN_INCORRECT;
      case ProtocolCodes.USER_BANNED, ProtocolCodes.BANNED_WHILE_CONNECTED ->
          ConnectionStatus.DISCONN_EXCEPTION;
      case ProtocolCodes.USER_ABANDONED -> ConnectionStatus.USER_ABANDON;
      case ProtocolCodes.KICKED -> ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT;
      case ProtocolCodes.APP_BLOCKED -> ConnectionStatus.UNCONNECTED;
      case ProtocolCodes.SERVER_UNAVAILABLE, ProtocolCodes.CONNECTING_TOO_OFTEN ->
          ConnectionStatus.SUSPEND;
      default -> ConnectionStatus.UNKNOWN;
    };
  }

  /** The status after the server ended a live session with {@code code}. */
  static ConnectionStatus forServerDisconnect(int code) {
    return switch (code) {
      case ProtocolCodes.KICKED -> ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT;
      case ProtocolCodes.BANNED_WHILE_CONNECTED, ProtocolCodes.USER_BANNED ->
          ConnectionStatus.DISCONN_EXCEPTION;
      case ProtocolCodes.USER_ABANDONED -> ConnectionStatus.USER_ABANDON;
      case ProtocolCodes.TOKEN_INCORRECT, ProtocolCodes.TOKEN_EXPIRED ->
          ConnectionStatus.TOKEN_INCORRECT;
      case ProtocolCodes.SERVER_UNAVAILABLE -> ConnectionStatus.SUSPEND;
      default -> ConnectionStatus.UNKNOWN;
    };
  }
}
