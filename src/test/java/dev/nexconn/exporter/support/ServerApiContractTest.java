package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validator really rejects answers that drift from the vendor's definition. */
class ServerApiContractTest {
  private static final String JSON = "application/json";
  private static Vertx vertx;
  private static ServerApiContract contract;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = ServerApiContract.load(vertx);
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Buffer json(String s) {
    return Buffer.buffer(s);
  }

  @Test
  void theExtractCoversEveryEndpointTheEmulatorServes() {
    assertThat(contract.paths())
        .containsExactlyInAnyOrder(
            "/v4/auth/access-token/issue",
            "/v4/auth/access-token/expire",
            "/v4/user/ban",
            "/v4/user/unban",
            "/v4/user/ban/list",
            "/v4/user/connection-status/get",
            "/v4/user/soft-delete",
            "/v4/user/restore",
            "/v4/direct-channel/message/send");
  }

  @Test
  void answersShapedLikeTheDefinitionPass() {
    contract.assertResponse(
        "/v4/user/ban/list",
        200,
        JSON,
        json(
            "{\"code\":0,\"result\":{\"bannedUsers\":"
                + "[{\"userId\":\"u1\",\"banExpiresAt\":\"2026-11-28 07:10:00\"}]}}"));
    contract.assertResponse(
        "/v4/user/connection-status/get",
        200,
        JSON,
        json("{\"code\":0,\"result\":{\"status\":\"1\"}}"));
    contract.assertResponse(
        "/v4/auth/access-token/issue",
        401,
        JSON,
        json("{\"code\":1004,\"errorMessage\":\"Signature does not match\"}"));
  }

  @Test
  void theOldBanListShapeFails() {
    assertThatThrownBy(
            () ->
                contract.assertResponse(
                    "/v4/user/ban/list",
                    200,
                    JSON,
                    json(
                        "{\"code\":0,\"result\":{\"users\":[{\"userId\":\"u1\",\"bannedUntil\":1}]}}")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/v4/user/ban/list")
        .hasMessageContaining("users");
  }

  @Test
  void anErrorWithMsgInsteadOfErrorMessageFails() {
    assertThatThrownBy(
            () ->
                contract.assertResponse(
                    "/v4/user/ban",
                    400,
                    JSON,
                    json("{\"code\":1002,\"msg\":\"userIds is required\"}")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HTTP 400");
  }

  @Test
  void aWrongTypeAnUnknownStatusOrAnExtraResultFieldFails() {
    assertThatThrownBy(
            () ->
                contract.assertResponse(
                    "/v4/user/connection-status/get",
                    200,
                    JSON,
                    json("{\"code\":0,\"result\":{\"status\":1}}")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                contract.assertResponse(
                    "/v4/user/connection-status/get",
                    200,
                    JSON,
                    json("{\"code\":0,\"result\":{\"userId\":\"u1\",\"status\":\"1\"}}")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                contract.assertResponse(
                    "/v4/user/ban", 500, JSON, json("{\"code\":1000,\"errorMessage\":\"x\"}")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void anIssueRequestWithoutNameFails() throws Exception {
    assertThat(
            contract
                .requestProblem("/v4/auth/access-token/issue", JSON, json("{\"userId\":\"u1\"}"))
                .await(5, TimeUnit.SECONDS))
        .hasValueSatisfying(p -> assertThat(p).contains("access-token/issue"));
    assertThat(
            contract
                .requestProblem(
                    "/v4/auth/access-token/issue",
                    JSON,
                    json("{\"userId\":\"u1\",\"name\":\"u1\"}"))
                .await(5, TimeUnit.SECONDS))
        .isEmpty();
  }
}
