package dev.nexconn.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.KeyValuePair;

class LogfmtLayoutTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("plain", "plain"),
        Arguments.of("5.2.1", "5.2.1"),
        Arguments.of("", "\"\""),
        Arguments.of(
            "connection refused: 127.0.0.1:9093", "\"connection refused: 127.0.0.1:9093\""),
        Arguments.of("say \"x\"", "\"say \\\"x\\\"\""),
        Arguments.of("a=b", "\"a=b\""),
        Arguments.of("line one\nevent=forged", "\"line one\\nevent=forged\""),
        Arguments.of("tab\there\r", "\"tab\\there\\r\""),
        Arguments.of("back\\slash", "\"back\\\\slash\""),
        Arguments.of("bell\u0007", "\"bell\\u0007\""),
        Arguments.of(null, "null"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("values")
  void valuesAreQuotedAndEscapedWhenTheyMustBe(String raw, String written) {
    assertThat(LogfmtLayout.value(raw)).isEqualTo(written);
  }

  @Test
  void anEventIsOneLineOfPairsInTheOrderTheyWereAdded() {
    LoggerContext context = new LoggerContext();
    Logger logger = context.getLogger("dev.nexconn.exporter.alerting.DeliveryQueue");
    LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, null, null, null);
    event.setTimeStamp(1_795_849_200_000L);
    event.setKeyValuePairs(
        List.of(
            new KeyValuePair("event", "alert_delivery_failed"),
            new KeyValuePair("receiver", "am-0"),
            new KeyValuePair("error", "refused:\n\"127.0.0.1\""),
            new KeyValuePair("retry_in_ms", 2000)));
    event.setThrowableProxy(
        new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("bad\nthing")));

    LogfmtLayout layout = new LogfmtLayout();
    layout.setContext(context);
    layout.start();
    String line = layout.doLayout(event);

    assertThat(line)
        .isEqualTo(
            "ts=2026-11-28T07:00:00.000Z level=WARN logger=DeliveryQueue"
                + " event=alert_delivery_failed receiver=am-0 error=\"refused:\\n\\\"127.0.0.1\\\"\""
                + " retry_in_ms=2000 exception=\"java.lang.IllegalStateException: bad\\nthing\"\n");
    assertThat(line.strip()).doesNotContain("\n");
  }

  @Test
  void aPlainMessageBecomesAQuotedMsgPair() {
    LoggerContext context = new LoggerContext();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("io.netty.Foo"),
            Level.INFO,
            "hello {}",
            null,
            new Object[] {"world"});
    event.setTimeStamp(0);
    assertThat(new LogfmtLayout().doLayout(event))
        .isEqualTo("ts=1970-01-01T00:00:00.000Z level=INFO logger=Foo msg=\"hello world\"\n");
  }
}
