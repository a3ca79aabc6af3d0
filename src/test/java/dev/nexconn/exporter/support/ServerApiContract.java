package dev.nexconn.exporter.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The vendor's Server API contract (the extract in {@code src/test/resources/openapi}) with
 * Vert.x's OpenAPI validator: every emulator answer the suite sees, and every request the token
 * provider sends, is checked against it, so a field that drifts from the definition fails the
 * build.
 */
public final class ServerApiContract {
  /** Classpath location of the extract. */
  public static final String EXTRACT = "openapi/nexconn-server-api-extract.yaml";

  private final ResponseValidator responses;
  private final RequestValidator requests;
  private final Map<String, String> operationByPath = new HashMap<>();

  private ServerApiContract(Vertx vertx, OpenAPIContract contract) {
    this.responses = ResponseValidator.create(vertx, contract);
    this.requests = RequestValidator.create(vertx, contract);
    for (Operation op : contract.operations()) {
      operationByPath.put(op.getOpenAPIPath(), op.getOperationId());
    }
  }

  /** Loads and checks the extract; fails when the extract itself is not valid OpenAPI. */
  public static ServerApiContract load(Vertx vertx) {
    try {
      return new ServerApiContract(
          vertx, OpenAPIContract.from(vertx, EXTRACT).await(20, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("cannot load " + EXTRACT + ": " + e.getMessage(), e);
    }
  }

  /** The paths the extract defines. */
  public java.util.Set<String> paths() {
    return java.util.Set.copyOf(operationByPath.keySet());
  }

  /** What is wrong with this answer to {@code path}, empty when it matches the contract. */
  public Future<Optional<String>> responseProblem(
      String path, int status, String contentType, Buffer body) {
    String op = operationByPath.get(path);
    if (op == null) {
      return Future.succeededFuture(Optional.of(path + " is not in " + EXTRACT));
    }
    ValidatableResponse response =
        ValidatableResponse.create(status, body == null ? Buffer.buffer() : body, contentType);
    return responses
        .validate(response, op)
        .map(v -> Optional.<String>empty())
        .recover(
            e -> Future.succeededFuture(Optional.of(describe("answer", path, status, body, e))));
  }

  /** What is wrong with this request body to {@code path}, empty when it matches the contract. */
  public Future<Optional<String>> requestProblem(String path, String contentType, Buffer body) {
    String op = operationByPath.get(path);
    if (op == null) {
      return Future.succeededFuture(Optional.of(path + " is not in " + EXTRACT));
    }
    ValidatableRequestImpl request =
        new ValidatableRequestImpl(
            Map.of(), Map.of(), Map.of(), Map.of(), new RequestParameterImpl(body), contentType);
    return requests
        .validate(request, op)
        .map(v -> Optional.<String>empty())
        .recover(e -> Future.succeededFuture(Optional.of(describe("request", path, 0, body, e))));
  }

  /** Blocks the test thread; throws an {@link AssertionError} naming the drift. */
  public void assertResponse(String path, int status, String contentType, Buffer body) {
    Optional<String> problem;
    try {
      problem = responseProblem(path, status, contentType, body).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("validating the answer to " + path, e);
    }
    problem.ifPresent(
        p -> {
          throw new AssertionError(p);
        });
  }

  private static String describe(String what, String path, int status, Buffer body, Throwable e) {
    StringBuilder sb = new StringBuilder("the ").append(what).append(" of ").append(path);
    if (status != 0) {
      sb.append(" (HTTP ").append(status).append(')');
    }
    sb.append(" does not match the vendor's definition (").append(EXTRACT).append("): ");
    sb.append(e.getMessage());
    if (e instanceof SchemaValidationException s && s.getOutputUnit() != null) {
      for (OutputUnit u :
          s.getOutputUnit().getErrors() == null
              ? java.util.List.<OutputUnit>of()
              : s.getOutputUnit().getErrors()) {
        sb.append("; ").append(u.getInstanceLocation()).append(": ").append(u.getError());
      }
    }
    sb.append("; body: ").append(body == null ? "" : body.toString());
    return sb.toString();
  }
}
