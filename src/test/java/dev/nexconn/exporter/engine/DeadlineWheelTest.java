package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineWheelTest {
  private final List<String> fired = new ArrayList<>();

  private WheelEntry entry(String name) {
    return new WheelEntry() {
      @Override
      void onDue(long nowMillis) {
        fired.add(name + "@" + nowMillis);
      }
    };
  }

  @Test
  void entriesFireOnceTheirDueTimeHasPassedAndNotBefore() {
    DeadlineWheel wheel = new DeadlineWheel(10, 8, 0);
    wheel.schedule(entry("a"), 25);
    wheel.schedule(entry("b"), 500);
    wheel.advance(24);
    assertThat(fired).isEmpty();
    wheel.advance(25);
    assertThat(fired).containsExactly("a@25");
    wheel.advance(499);
    assertThat(fired).hasSize(1);
    wheel.advance(10_000);
    assertThat(fired).containsExactly("a@25", "b@10000");
    assertThat(wheel.size()).isZero();
  }

  @Test
  void rescheduleMovesAndCancelRemoves() {
    DeadlineWheel wheel = new DeadlineWheel(10, 8, 0);
    WheelEntry a = entry("a");
    WheelEntry b = entry("b");
    wheel.schedule(a, 30);
    wheel.schedule(b, 30);
    wheel.schedule(a, 60);
    wheel.cancel(b);
    wheel.advance(50);
    assertThat(fired).isEmpty();
    wheel.advance(60);
    assertThat(fired).containsExactly("a@60");
  }

  @Test
  void aDueTimeInThePastFiresOnTheNextAdvance() {
    DeadlineWheel wheel = new DeadlineWheel(10, 8, 1000);
    wheel.advance(2000);
    wheel.schedule(entry("late"), 5);
    wheel.advance(2010);
    assertThat(fired).containsExactly("late@2010");
  }

  @Test
  void anEntryDueLaterInAnAlreadyVisitedTickIsNotSkipped() {
    DeadlineWheel wheel = new DeadlineWheel(10, 8, 0);
    wheel.schedule(entry("a"), 25);
    wheel.advance(22);
    wheel.advance(31);
    assertThat(fired).containsExactly("a@31");
  }
}
