package dev.nexconn.exporter.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of this JVM from {@link #start} to {@link #close}, for tests that assert
 * a client's mistake logs no ERROR and no stack trace.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   ...
 *   assertThat(logs.errorsOrStackTraces()).isEmpty();
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  private LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Starts collecting. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** The events so far. */
  public synchronized List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Events at ERROR, or with a throwable attached, as one line each. */
  public List<String> errorsOrStackTraces() {
    return events().stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
        .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
        .toList();
  }

  /** Every event as {@code LEVEL logger message key=value...}. */
  public List<String> lines() {
    return events().stream()
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getLoggerName()
                    + " "
                    + e.getFormattedMessage()
                    + " "
                    + (e.getKeyValuePairs() == null ? "" : e.getKeyValuePairs().toString()))
        .toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
