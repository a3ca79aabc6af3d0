package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexconn.exporter.api.ApiResponses;
import dev.nexconn.exporter.ingest.IngestMetrics.Endpoint;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Strict JSON reading and the error bodies shared by both ingest endpoints. */
final class JsonBodies {
  /** Most field errors listed in one response; the rest are summarised by a count. */
  static final int MAX_LISTED_ERRORS = 100;

  /**
   * Duplicate keys are refused by the tree reader ({@code FAIL_ON_READING_DUP_TREE_KEY}: the map
   * put it does anyway reports the clash) rather than by the parser's {@code
   * STRICT_DUPLICATE_DETECTION}, which keeps a hash set per object and cost an eighth of the ingest
   * CPU.
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBodies() {}

  /**
   * Adds a POST route whose {@code admit} check runs before the body is read, so unauthenticated or
   * rate-limited callers never make the sidecar buffer their body; bodies over {@code maxBodyBytes}
   * reach {@code failure} with status 413.
   */
  static void route(
      Router router,
      String path,
      Handler<RoutingContext> admit,
      long maxBodyBytes,
      Handler<RoutingContext> handle,
      Handler<RoutingContext> failure) {
    router
        .post(path)
        .handler((SecurityPolicyHandler) admit::handle)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(handle)
        .failureHandler(failure);
  }

  static JsonNode read(String body) throws MalformedBodyException {
    return read(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses the body's bytes as they arrived: Jackson reads UTF-8 bytes faster than a String, and no
   * decoded copy of the body is made.
   */
  static JsonNode read(byte[] body) throws MalformedBodyException {
    if (body == null || isBlank(body)) {
      throw new MalformedBodyException("the body is empty: send a JSON object");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedBodyException("the body is empty: send a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      String reason = e.getOriginalMessage();
      int cut = reason.indexOf('\n');
      throw new MalformedBodyException(
          "the body is not valid JSON"
              + where
              + ": "
              + withoutBodyText(cut < 0 ? reason : reason.substring(0, cut)));
    } catch (IOException e) {
      // Reading a byte array does no I/O; Jackson declares it for streams.
      throw new MalformedBodyException(
          "the body is not valid JSON: " + withoutBodyText(String.valueOf(e.getMessage())));
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Jackson quotes the offending token of the body ({@code Unrecognized token 'abc...'}); a body
   * whose unquoted value is a token or secret would have it echoed in the answer, so quoted runs
   * longer than a short keyword are left out: the line and column still say where it breaks.
   */
  static String withoutBodyText(String reason) {
    return QUOTED_RUN.matcher(reason).replaceAll("'...'");
  }

  private static final Pattern QUOTED_RUN = Pattern.compile("'[^']{6,}'");

  /**
   * True when the request says its body is {@code application/json}, optionally with parameters
   * ({@code ; charset=utf-8}), or says nothing; {@code text/json-ish} and the like are not JSON.
   */
  static boolean isJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null) {
      return true;
    }
    int semi = type.indexOf(';');
    String media = (semi < 0 ? type : type.substring(0, semi)).trim();
    return media.equalsIgnoreCase("application/json");
  }

  /**
   * True when the request says its body is JSON (or says nothing); otherwise answers 415 and counts
   * the rejected batch for {@code endpoint}.
   */
  static boolean admitJson(RoutingContext ctx, IngestMetrics metrics, Endpoint endpoint) {
    if (isJson(ctx)) {
      return true;
    }
    metrics.batchRejected(endpoint, BatchRejectReason.UNSUPPORTED_MEDIA_TYPE, 0);
    send(
        ctx,
        415,
        error(
            "unsupported_media_type",
            "the body must be JSON: send Content-Type: application/json"));
    return false;
  }

  /**
   * The parsed body; or {@code null} after answering 400 with where the JSON breaks and counting
   * the rejected batch for {@code endpoint}.
   */
  static JsonNode readOrReject(
      RoutingContext ctx, byte[] body, IngestMetrics metrics, Endpoint endpoint) {
    try {
      return read(body);
    } catch (MalformedBodyException e) {
      metrics.batchRejected(endpoint, BatchRejectReason.MALFORMED, 0);
      send(ctx, 400, error("malformed", e.getMessage()));
      return null;
    }
  }

  /**
   * The bytes the idempotency window charges for remembering {@code response}: two per character of
   * its encoding plus its map. An answer without errors (three counts and a flag, at most 60
   * characters) is charged as 64 without being encoded: that ran under the window's lock for every
   * batch.
   */
  static long rememberedBytes(JsonObject response) {
    int chars = response.containsKey("errors") ? response.encode().length() : 64;
    return 2L * chars + 200;
  }

  static JsonArray errors(List<FieldError> errors) {
    JsonArray list = new JsonArray();
    for (FieldError e : errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS))) {
      list.add(new JsonObject().put("path", e.path()).put("message", e.message()));
    }
    return list;
  }

  static JsonObject error(String code, String message) {
    return ApiResponses.errorBody(code, message);
  }

  static JsonObject withErrors(JsonObject body, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      body.put("errors", errors(errors));
      if (errors.size() > MAX_LISTED_ERRORS) {
        body.put("errorsNotListed", errors.size() - MAX_LISTED_ERRORS);
      }
    }
    return body;
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ApiResponses.json(ctx, status, body);
  }

  /** The body could not be parsed as JSON. */
  static final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
      super(message, null, false, false);
    }
  }
}
