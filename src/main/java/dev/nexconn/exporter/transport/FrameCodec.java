package dev.nexconn.exporter.transport;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Encodes and decodes {@link Frame}s as JSON text ({@code docs/protocol.md}). Decoding is strict: a
 * wrong version, unknown type or missing field raises {@link FrameCodecException} with its {@link
 * FrameFault} and a message naming the field. A message describes a wrong value by its JSON type
 * and length, never quotes it (only short lower-case words such as a type name), since a frame can
 * carry a token.
 *
 * <pre>{@code
 * String text = FrameCodec.encode(new Frame.Ping(7));   // {"v":1,"type":"ping","id":7}
 * Frame f = FrameCodec.decode(text);
 * }</pre>
 */
public final class FrameCodec {
  /** Larger text messages are refused before parsing. */
  public static final int MAX_FRAME_CHARS = 8192;

  /** More entries in a {@code features} array are refused. */
  public static final int MAX_FEATURES = 16;

  /** A value short and plain enough to quote in a message: it cannot hold a token. */
  private static final Pattern WORD = Pattern.compile("[a-z_]{1,16}");

  private FrameCodec() {}

  /** The frame as one JSON text message. */
  public static String encode(Frame frame) {
    JsonObject json = new JsonObject().put("v", Frame.VERSION).put("type", frame.type());
    if (frame instanceof Frame.Connect c) {
      json.put("token", c.token())
          .put("reconnect", c.reconnect())
          .put("kickReconnect", c.kickReconnect())
          .put("deviceId", c.deviceId())
          .put("platform", c.platform());
      putFeatures(json, c.features());
    } else if (frame instanceof Frame.ConnAck a) {
      json.put("code", a.code());
      if (a.userId() != null) {
        json.put("userId", a.userId());
      }
      if (a.sessionId() != null) {
        json.put("sessionId", a.sessionId());
      }
      putFeatures(json, a.features());
    } else if (frame instanceof Frame.Ping p) {
      json.put("id", p.id());
    } else if (frame instanceof Frame.Pong p) {
      json.put("id", p.id());
    } else if (frame instanceof Frame.Disconnect d) {
      json.put("code", d.code()).put("reason", d.reason());
    } else if (frame instanceof Frame.Send m) {
      json.put("seq", m.seq()).put("sentAt", m.sentAt()).put("to", m.to()).put("body", m.body());
    } else if (frame instanceof Frame.Deliver m) {
      json.put("from", m.from())
          .put("seq", m.seq())
          .put("sentAt", m.sentAt())
          .put("messageId", m.messageId());
    } else if (frame instanceof Frame.Ack m) {
      json.put("messageId", m.messageId());
    }
    return json.encode();
  }

  /** Absent when empty, so a plain v1 connect or connack is unchanged on the wire. */
  private static void putFeatures(JsonObject json, List<String> features) {
    if (!features.isEmpty()) {
      json.put("features", new JsonArray(features));
    }
  }

  /**
   * Parses one text message.
   *
   * @throws FrameCodecException when the text is not a valid v1 frame
   */
  public static Frame decode(String text) {
    if (text == null || text.isEmpty()) {
      throw new FrameCodecException(
          FrameFault.NOT_JSON, "empty frame: send one JSON object per text message");
    }
    if (text.length() > MAX_FRAME_CHARS) {
      throw new FrameCodecException(
          FrameFault.TOO_LARGE,
          "frame of " + text.length() + " chars exceeds the limit of " + MAX_FRAME_CHARS);
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new FrameCodecException(
          FrameFault.NOT_JSON, "frame is not a JSON object: send {\"v\":1,\"type\":...}");
    }
    Object v = json.getValue("v");
    if (!(v instanceof Number n) || n.intValue() != Frame.VERSION) {
      throw new FrameCodecException(
          FrameFault.BAD_VERSION,
          "field 'v' must be " + Frame.VERSION + " (protocol version), got " + describe(v));
    }
    String type = string(json, "type");
    return switch (type) {
      case "connect" ->
          new Frame.Connect(
              string(json, "token"),
              bool(json, "reconnect"),
              bool(json, "kickReconnect"),
              optionalString(json, "deviceId", ""),
              optionalString(json, "platform", ""),
              features(json));
      case "connack" ->
          new Frame.ConnAck(
              integer(json, "code"),
              optionalString(json, "userId", null),
              optionalString(json, "sessionId", null),
              features(json));
      case "ping" -> new Frame.Ping(longValue(json, "id"));
      case "pong" -> new Frame.Pong(longValue(json, "id"));
      case "disconnect" ->
          new Frame.Disconnect(integer(json, "code"), optionalString(json, "reason", ""));
      case "send" ->
          new Frame.Send(
              longValue(json, "seq"),
              longValue(json, "sentAt"),
              string(json, "to"),
              optionalString(json, "body", ""));
      case "deliver" ->
          new Frame.Deliver(
              string(json, "from"),
              longValue(json, "seq"),
              longValue(json, "sentAt"),
              string(json, "messageId"));
      case "ack" -> new Frame.Ack(string(json, "messageId"));
      default ->
          throw new FrameCodecException(
              FrameFault.UNKNOWN_TYPE,
              "field 'type' has unknown value "
                  + describe(type)
                  + ": expected connect, connack, ping, pong, disconnect, send, deliver or ack");
    };
  }

  /**
   * The optional {@code features} array of strings; unknown names are kept (the receiver ignores
   * what it does not know), at most {@link #MAX_FEATURES}.
   */
  private static List<String> features(JsonObject json) {
    Object value = json.getValue("features");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_FEATURES) {
      throw bad("field 'features' must be an array of at most " + MAX_FEATURES + " strings");
    }
    List<String> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String s) || s.isEmpty()) {
        throw bad("field 'features' must hold non-empty strings");
      }
      out.add(s);
    }
    return out;
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw bad("field '" + field + "' must be a non-empty string, got " + describe(value));
    }
    return s;
  }

  private static String optionalString(JsonObject json, String field, String fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw bad("field '" + field + "' must be a string, got " + describe(value));
    }
    return s;
  }

  private static boolean bool(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw bad("field '" + field + "' must be true or false, got " + describe(value));
    }
    return b;
  }

  private static int integer(JsonObject json, String field) {
    long value = longValue(json, field);
    if (value != (int) value) {
      throw bad("field '" + field + "' is out of range");
    }
    return (int) value;
  }

  private static long longValue(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof Integer || value instanceof Long)) {
      throw bad("field '" + field + "' must be an integer, got " + describe(value));
    }
    return ((Number) value).longValue();
  }

  private static FrameCodecException bad(String message) {
    return new FrameCodecException(FrameFault.BAD_FIELD, message);
  }

  /**
   * A wrong value as the message shows it: a short lower-case word or a small integer as itself,
   * anything else by its JSON type and size, so that no token or secret is ever quoted.
   */
  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String s) {
      return WORD.matcher(s).matches() ? "'" + s + "'" : "a string of " + s.length() + " chars";
    }
    if ((value instanceof Integer || value instanceof Long)
        && Math.abs(((Number) value).longValue()) < 1_000_000) {
      return value.toString();
    }
    if (value instanceof Number) {
      return "a large or fractional number";
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof JsonArray a) {
      return "an array of " + a.size();
    }
    return value instanceof JsonObject ? "an object" : "a value of another type";
  }
}
