package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportParserTest {
  static final Instant NOW = Instant.parse("2026-11-28T07:00:00Z");
  static final long AT = NOW.toEpochMilli() - 1000;
  final ReportParser parser = new ReportParser(3, Duration.ofDays(7), Duration.ofMinutes(5));

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  static String batch(String platform, String events) {
    return "{'batchId':'b-1','app':{'platform':'"
        + platform
        + "','appVersion':'5.2.1','sdkVersion':'5.10.0'},'events':["
        + events
        + "]}";
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"-1", "1.5", "'\"7\"'", "2000000000"})
  void aDropCountThatIsNotAWholeNumberInRangeRejectsTheBatchNamingTheField(String dropped)
      throws Exception {
    String body =
        batch("web", "{'type':'status','at':" + AT + ",'status':'CONNECTED'}")
            .replace("{'batchId'", "{'dropped':" + dropped.replace('"', '\'') + ",'batchId'");
    ParsedReport r = parser.parse(json(body), NOW);

    assertThat(r.batchValid()).isFalse();
    assertThat(r.batchErrors()).extracting(FieldError::path).containsExactly("dropped");
  }

  @Test
  void aSecretInTheWrongFieldIsDescribedNeverEchoed() throws Exception {
    String secret = "Ab3xQ9mZk2LpW7vT";
    ParsedReport r =
        parser.parse(
            json(
                batch(secret, "{'type':'" + secret + "','at':" + AT + "}")
                    .replace("'5.2.1'", "'" + secret + "/1'")),
            NOW);

    assertThat(r.batchErrors())
        .extracting(FieldError::path, FieldError::message)
        .containsExactly(
            tuple(
                "app.platform",
                "must be one of ios, android, web, flutter, got a string of 16 characters"),
            tuple(
                "app.appVersion",
                "must be 1-32 characters of letters, digits, '.', '_', '+' or '-', got a string"
                    + " of 18 characters"));
    assertThat(r.eventErrors().toString()).doesNotContain(secret).contains("a string of 16");
  }

  @Test
  void theReportersDropCountIsCarriedWithTheBatch() throws Exception {
    String body =
        batch("web", "{'type':'status','at':" + AT + ",'status':'CONNECTED'}")
            .replace("{'batchId'", "{'dropped':12,'batchId'");
    ParsedReport r = parser.parse(json(body), NOW);

    assertThat(r.batchValid()).isTrue();
    assertThat(r.reporterDropped()).isEqualTo(12);
  }

  @Test
  void androidReportsMapToSeedStatusesWithFromChainedInsideTheBatch() throws Exception {
    ParsedReport r =
        parser.parse(
            json(
                batch(
                    "android",
                    "{'type':'status','at':"
                        + AT
                        + ",'status':1},{'type':'status','at':"
                        + AT
                        + ",'status':3,'errorCode':31010}")),
            NOW);
    assertThat(r.batchValid()).isTrue();
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.events())
        .extracting(e -> ((StatusChanged) e).from(), e -> ((StatusChanged) e).to())
        .containsExactly(
            tuple(null, ConnectionStatus.CONNECTING),
            tuple(ConnectionStatus.CONNECTING, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT));
    StatusChanged kicked = (StatusChanged) r.events().get(1);
    assertThat(kicked.source()).isEqualTo(EventSource.SDK);
    assertThat(kicked.errorCode()).isEqualTo(31010);
    assertThat(kicked.dimensions().platform()).isEqualTo(Platform.ANDROID);
    assertThat(kicked.dimensions().appVersion()).isEqualTo("5.2.1");
    assertThat(kicked.userId()).isEmpty();
  }

  @Test
  void genericStatusWithAMappedErrorCodeTakesTheErrorCodesStatus() throws Exception {
    ParsedReport r =
        parser.parse(
            json(
                batch(
                    "ios",
                    "{'type':'status','at':"
                        + AT
                        + ",'status':11,'errorCode':31011},{'type':'status','at':'2026-11-28T06:59:00Z','errorCode':31029}")),
            NOW);
    assertThat(r.events())
        .extracting(e -> ((StatusChanged) e).to())
        .containsExactly(ConnectionStatus.DISCONN_EXCEPTION, ConnectionStatus.USER_ABANDON);
  }

  @Test
  void webDisconnectWithTokenExpiredYieldsTokenIncorrectAndAnExpiredTokenFailure()
      throws Exception {
    ParsedReport r =
        parser.parse(
            json(
                batch(
                    "web",
                    "{'type':'status','at':" + AT + ",'status':'DISCONNECT','errorCode':31020}")),
            NOW);
    assertThat(r.events()).hasSize(2);
    assertThat(((StatusChanged) r.events().get(0)).to())
        .isEqualTo(ConnectionStatus.TOKEN_INCORRECT);
    assertThat(((TokenFailure) r.events().get(1)).reason()).isEqualTo(TokenFailure.Reason.EXPIRED);
  }

  @Test
  void otherEventTypesMapToTheirRecords() throws Exception {
    ParsedReport r =
        parser.parse(
            json(
                batch(
                    "ios",
                    "{'type':'database_opened','at':"
                        + AT
                        + ",'isRecreated':true,'errorCode':0},{'type':'reconnect','at':"
                        + AT
                        + ",'attempt':3},{'type':'token_refresh','at':"
                        + AT
                        + ",'outcome':'success'}")),
            NOW);
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(((DatabaseOpened) r.events().get(0)).recreated()).isTrue();
    assertThat(((ReconnectAttempt) r.events().get(1)).attempt()).isEqualTo(3);
    assertThat(((TokenRefresh) r.events().get(2)).outcome())
        .isEqualTo(TokenRefresh.Outcome.SUCCESS);
  }

  @Test
  void badEventsAreRejectedOneByOneWithTheirPathsAndReasons() throws Exception {
    ParsedReport r =
        parser.parse(
            json(
                batch(
                    "android",
                    "{'type':'status','at':"
                        + AT
                        + ",'status':5},{'type':'login','at':"
                        + AT
                        + "},{'type':'status','at':"
                        + AT
                        + ",'status':0,'userId':'u1'}")),
            NOW);
    assertThat(r.batchValid()).isTrue();
    assertThat(r.accepted()).isZero();
    assertThat(r.rejected())
        .containsEntry(EventRejectReason.UNKNOWN_STATUS, 1)
        .containsEntry(EventRejectReason.UNKNOWN_TYPE, 1)
        .containsEntry(EventRejectReason.INVALID, 1);
    assertThat(r.eventErrors())
        .extracting(FieldError::path, FieldError::message)
        .containsExactly(
            tuple(
                "events[0].status",
                "unknown android status code 5; see docs/ingest.md for the status table of each"
                    + " platform"),
            tuple(
                "events[1].type",
                "must be one of [database_opened, reconnect, status, token_refresh], got"
                    + " \"login\""),
            tuple(
                "events[2].userId",
                "is not accepted: reports must not carry user ids, session ids, IPs or tokens;"
                    + " remove the field"));
  }

  @Test
  void eventsOutsideTheTimeWindowAreRejected() throws Exception {
    long old = NOW.minus(Duration.ofDays(8)).toEpochMilli();
    long future = NOW.plus(Duration.ofMinutes(10)).toEpochMilli();
    ParsedReport r =
        parser.parse(
            json(
                batch(
                    "ios",
                    "{'type':'status','at':"
                        + old
                        + ",'status':0},{'type':'status','at':"
                        + future
                        + ",'status':0}")),
            NOW);
    assertThat(r.rejected()).containsEntry(EventRejectReason.OUT_OF_WINDOW, 2);
    assertThat(r.eventErrors())
        .extracting(FieldError::message)
        .containsExactly(
            "is older than 168 h: drop old events before sending",
            "is more than 300 s in the future: check the device clock or send epoch milliseconds");
  }

  @Test
  void anInvalidEnvelopeRejectsTheWholeBatchListingEveryBadField() throws Exception {
    ParsedReport r =
        parser.parse(
            json(
                "{'batchId':'has space','app':{'platform':'symbian','appVersion':'"
                    + "x".repeat(33)
                    + "'},'events':[{'type':'status','at':"
                    + AT
                    + ",'status':'CONNECTED'},{'type':'status'}],'extra':1}"),
            NOW);
    assertThat(r.batchValid()).isFalse();
    assertThat(r.events()).isEmpty();
    assertThat(r.rejected()).containsEntry(EventRejectReason.BATCH_REJECTED, 2);
    assertThat(r.batchErrors())
        .extracting(FieldError::path)
        .containsExactly("extra", "batchId", "app.platform", "app.appVersion");
    assertThat(r.eventErrors())
        .extracting(FieldError::path, FieldError::message)
        .containsExactly(
            tuple("events[1].at", "is required: epoch milliseconds or an RFC 3339 time"),
            tuple(
                "events[1].status",
                "is required (a status name or number), unless errorCode names the status"));
  }

  @Test
  void tooManyEventsRejectTheBatch() throws Exception {
    String one = "{'type':'status','at':" + AT + ",'status':0}";
    ParsedReport r = parser.parse(json(batch("ios", String.join(",", one, one, one, one))), NOW);
    assertThat(r.batchErrors())
        .extracting(FieldError::path, FieldError::message)
        .containsExactly(
            tuple(
                "events",
                "has 4 events, at most 3 are allowed per batch: split it into several batches"));
  }

  @Test
  void webNumbersAndFlutterDatabaseEventsAreRejectedWithTheReason() throws Exception {
    ParsedReport web =
        parser.parse(json(batch("web", "{'type':'status','at':" + AT + ",'status':0}")), NOW);
    assertThat(web.eventErrors().get(0).message())
        .isEqualTo(
            "the web platform reports status names (CONNECTING, CONNECTED, DISCONNECT, SUSPEND),"
                + " got the number 0");
    ParsedReport flutter =
        parser.parse(
            json(
                batch("flutter", "{'type':'database_opened','at':" + AT + ",'isRecreated':false}")),
            NOW);
    assertThat(flutter.eventErrors())
        .extracting(FieldError::path)
        .containsExactly("events[0].type");
  }
}
