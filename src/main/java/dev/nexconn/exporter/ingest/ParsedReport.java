package dev.nexconn.exporter.ingest;

import dev.nexconn.exporter.event.ConnectionEvent;
import java.util.List;
import java.util.Map;

/**
 * The outcome of validating one SDK report batch.
 *
 * @param batchId the client's batch id ({@code null} when missing or invalid)
 * @param batchErrors problems with the envelope; when not empty the whole batch is rejected
 * @param eventErrors problems with single events, in event order
 * @param events the connection events of the accepted reports, in report order (one report may
 *     yield two events: a status change and a token failure)
 * @param accepted how many reported events were accepted
 * @param rejected how many reported events were rejected, by reason
 * @param reporterDropped events the reporting app's own bounded queue dropped before this batch
 *     (the envelope's optional {@code dropped}); 0 when not reported
 */
public record ParsedReport(
    String batchId,
    List<FieldError> batchErrors,
    List<FieldError> eventErrors,
    List<ConnectionEvent> events,
    int accepted,
    Map<EventRejectReason, Integer> rejected,
    int reporterDropped) {

  public ParsedReport {
    batchErrors = List.copyOf(batchErrors);
    eventErrors = List.copyOf(eventErrors);
    events = List.copyOf(events);
    rejected = Map.copyOf(rejected);
  }

  /** A batch whose sender reported no drops of its own. */
  public ParsedReport(
      String batchId,
      List<FieldError> batchErrors,
      List<FieldError> eventErrors,
      List<ConnectionEvent> events,
      int accepted,
      Map<EventRejectReason, Integer> rejected) {
    this(batchId, batchErrors, eventErrors, events, accepted, rejected, 0);
  }

  /** True when the envelope is valid, so accepted events may be published. */
  public boolean batchValid() {
    return batchErrors.isEmpty();
  }

  /** Total rejected events. */
  public int rejectedCount() {
    return rejected.values().stream().mapToInt(Integer::intValue).sum();
  }
}
