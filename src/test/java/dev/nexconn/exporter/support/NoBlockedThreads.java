package dev.nexconn.exporter.support;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which Vert.x logged a blocked-thread warning ({@code ... has been blocked for
 * ...}) in this JVM: the fault-matrix ITs use it so that a fault handled by blocking an event loop
 * is a failure, not a passing test with a warning in its log.
 *
 * <pre>{@code
 * @ExtendWith(NoBlockedThreads.class)
 * class FaultInjectionIT { ... }
 * }</pre>
 */
public final class NoBlockedThreads implements BeforeEachCallback, AfterEachCallback {
  /** What Vert.x's blocked-thread checker logs. */
  public static final String WARNING = "has been blocked for";

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(NoBlockedThreads.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("logs", LogCapture.start());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try (LogCapture logs = context.getStore(NS).remove("logs", LogCapture.class)) {
      check(logs.lines());
    }
  }

  /** Throws naming the warnings when any of {@code lines} is a blocked-thread warning. */
  public static void check(List<String> lines) {
    List<String> blocked = lines.stream().filter(l -> l.contains(WARNING)).toList();
    if (!blocked.isEmpty()) {
      throw new AssertionError(
          "Vert.x blocked-thread warnings during the test (a fault handled on an event loop"
              + " blocked it):\n"
              + String.join("\n", blocked));
    }
  }
}
