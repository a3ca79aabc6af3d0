package dev.nexconn.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EventBusMetricsTest {
  @Test
  void aThrowingSinkMovesTheCounterAndIsLoggedOnce() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EventBus bus = new EventBus();
    new EventBusMetrics(bus).bindTo(registry);
    bus.subscribe(
        e -> {
          throw new IllegalStateException("sink broke");
        });
    Logger log = (Logger) LoggerFactory.getLogger(EventBusMetrics.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      assertThat(registry.scrape()).contains("nexconn_event_sink_failures_total 0.0");

      bus.publish(EventMetricsTest.sdk("1.0", ConnectionStatus.CONNECTED));
      bus.publish(EventMetricsTest.sdk("1.0", ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT));
      bus.publish(EventMetricsTest.sdk("1.0", ConnectionStatus.CONNECTED));

      assertThat(registry.get(MetricNames.EVENT_SINK_FAILURES).functionCounter().count())
          .isEqualTo(3);
      assertThat(appender.list).hasSize(1);
      ILoggingEvent warn = appender.list.get(0);
      assertThat(warn.getLevel()).isEqualTo(Level.WARN);
      assertThat(warn.getThrowableProxy().getMessage()).isEqualTo("sink broke");
    } finally {
      log.detachAppender(appender);
    }
  }
}
