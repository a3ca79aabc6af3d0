package dev.nexconn.exporter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Writes every log event as one logfmt line: {@code ts}, {@code level}, {@code logger}, then the
 * event's SLF4J key-value pairs in the order they were added ({@code
 * LOG.atInfo().addKeyValue("event", "started")...}), then {@code msg} when the event has a message
 * and {@code exception} when it carries one. Values are quoted when they are empty or hold a space,
 * {@code =} or {@code "}, and quotes, backslashes and line breaks inside them are escaped, so a
 * value can never end the line or start a key of its own.
 *
 * <pre>
 * ts=2026-11-28T07:00:00.000Z level=WARN logger=DeliveryQueue event=alert_delivery_failed
 *     receiver=am-0 error="connection refused: 127.0.0.1:9093" retry_in_ms=2000
 * </pre>
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(160);
    out.append("ts=").append(TS.format(Instant.ofEpochMilli(event.getTimeStamp())));
    out.append(" level=").append(event.getLevel());
    String logger = event.getLoggerName();
    out.append(" logger=").append(value(logger.substring(logger.lastIndexOf('.') + 1)));
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        out.append(' ').append(key(p.key)).append('=').append(value(p.value));
      }
    }
    String message = event.getFormattedMessage();
    if (message != null && !message.isEmpty()) {
      out.append(" msg=").append(value(message));
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      String shown =
          error.getMessage() == null
              ? error.getClassName()
              : error.getClassName() + ": " + error.getMessage();
      out.append(" exception=").append(value(shown));
    }
    return out.append('\n').toString();
  }

  /** One {@code key=value} pair as this layout writes it. */
  public static String pair(String key, Object value) {
    return key(key) + "=" + value(value);
  }

  /** A value, quoted and escaped when it must be. */
  public static String value(Object raw) {
    String s = String.valueOf(raw);
    boolean quote = s.isEmpty();
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c <= ' ' || c == '=' || c == '"' || c == '\\' || c == 0x7f;
    }
    if (!quote) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Keys are code, not data; anything but letters, digits, '_' and '.' becomes '_'. */
  private static String key(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      out.append(Character.isLetterOrDigit(c) || c == '_' || c == '.' ? c : '_');
    }
    return out.length() == 0 ? "_" : out.toString();
  }
}
