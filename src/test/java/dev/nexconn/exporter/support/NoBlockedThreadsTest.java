package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The blocked-thread check sees a real Vert.x warning, and only that. */
class NoBlockedThreadsTest {
  @Test
  void aBlockedEventLoopFailsTheCheck() throws Exception {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setBlockedThreadCheckInterval(50)
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try (LogCapture logs = LogCapture.start()) {
      vertx
          .getOrCreateContext()
          .runOnContext(
              v -> {
                try {
                  Thread.sleep(600);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      Thread.sleep(900);
      assertThatThrownBy(() -> NoBlockedThreads.check(logs.lines()))
          .hasMessageContaining(NoBlockedThreads.WARNING);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void otherWarningsPass() {
    assertThatCode(() -> NoBlockedThreads.check(java.util.List.of("WARN x event=reconnect")))
        .doesNotThrowAnyException();
  }
}
