package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry points read from gateways but not yet taken by the full telemetry pipeline, over all
 * sessions. While the pipeline is full a session keeps reading (so its alarms and events get
 * through) and parks its telemetry, which its credit bounds per session and the
 * {@link CreditBudget} over all sessions (at most {@code max-parked-points} plus
 * {@link CreditBudget#FLOOR} per connection). Past that limit, which gateways keeping to their
 * credit cannot reach, a session that has to park stops reading its socket until its batches
 * are taken.
 */
final class ParkedTelemetry {
  private final AtomicLong points = new AtomicLong();
  private final long max;

  ParkedTelemetry(long max, MeterRegistry meters) {
    this.max = max;
    meters.gauge("gridguard.ingest.parked.points", points, AtomicLong::get);
    meters.gauge("gridguard.ingest.parked.capacity", this, p -> p.max);
  }

  void add(int n) {
    points.addAndGet(n);
  }

  void remove(int n) {
    points.addAndGet(-n);
  }

  /** Whether sessions that park more must stop reading. */
  boolean overBudget() {
    return points.get() > max;
  }

  long points() {
    return points.get();
  }
}
