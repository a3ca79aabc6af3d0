package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gate runs at most five fetches at once, starts the rest in order, and frees on failure. */
class FetchGateTest {
  private final AtomicLong clock = new AtomicLong();

  @Test
  void aFetchWhoseTurnComesAfterTheWaitFailsUnsentAndTheNextOneStarts() {
    FetchGate gate = new FetchGate(Duration.ofSeconds(10), clock::get);
    List<Promise<String>> started = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(held(gate, started));
      if (i == 5) {
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
      }
    }
    // Fetch 5 had waited 11 s when the first place freed: it fails unsent, and 6 starts.
    started.get(0).complete("first");
    assertThat(results.get(5).cause()).hasMessage("waited too long");
    assertThat(results.get(6).isComplete()).isFalse();
    assertThat(started).hasSize(6);
    assertThat(gate.load()).containsExactly(5, 1);
  }

  @Test
  void atMostFiveRunAndTheRestStartInOrderAsEarlierOnesEnd() {
    FetchGate gate = new FetchGate(Duration.ofSeconds(10), clock::get);
    List<Promise<String>> started = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      results.add(held(gate, started));
    }
    assertThat(started).hasSize(FetchGate.MAX_IN_FLIGHT);
    assertThat(gate.load()).containsExactly(5, 7);

    started.get(0).complete("first");
    assertThat(results.get(0).result()).isEqualTo("first");
    assertThat(started).hasSize(6);

    started.get(1).fail(new TokenFetchException("refused"));
    assertThat(results.get(1).cause()).hasMessage("refused");
    assertThat(started).hasSize(7);

    for (int i = 2; i < 12; i++) {
      started.get(i).complete("t" + i);
    }
    assertThat(results).allMatch(Future::isComplete);
    assertThat(results.get(11).result()).isEqualTo("t11");
    assertThat(gate.load()).containsExactly(0, 0);
  }

  @Test
  void aFetchThatThrowsFailsItsCallerAndFreesItsPlace() {
    FetchGate gate = new FetchGate(Duration.ofSeconds(10), clock::get);
    for (int i = 0; i < 20; i++) {
      Future<String> f =
          gate.run(
              () -> {
                throw new IllegalStateException("bad request");
              },
              () -> new TokenFetchException("waited too long"));
      assertThat(f.cause()).hasMessage("bad request");
    }
    assertThat(gate.load()).containsExactly(0, 0);
  }

  /**
   * A fetch through {@code gate} that ends when the test completes its promise in {@code started}.
   */
  private static Future<String> held(FetchGate gate, List<Promise<String>> started) {
    return gate.run(
        () -> {
          Promise<String> p = Promise.promise();
          started.add(p);
          return p.future();
        },
        () -> new TokenFetchException("waited too long"));
  }
}
