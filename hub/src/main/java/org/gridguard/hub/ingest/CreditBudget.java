package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out each session's initial credit (its window for the whole session: the hub grants back
 * what it acknowledges) from a hub-wide budget, {@code gridguard.ingest.max-parked-points}, so
 * that the telemetry all gateways may have in flight, and so may have to be parked while InfluxDB
 * is down, stays near that budget however many gateways connect. While the budget is far from
 * used each session gets {@code initial-credit}; then an eighth of what is left, never less than
 * {@link #FLOOR} (so in the worst case the total is the budget plus {@code FLOOR} per session).
 */
final class CreditBudget {
  /** Smallest window: a batch of telemetry beside the edge's PRIORITY reserve (an eighth). */
  static final int FLOOR = 64;

  private final long max;
  private final int perSession;
  private final AtomicLong allocated = new AtomicLong();

  CreditBudget(long max, int perSession, MeterRegistry meters) {
    this.max = max;
    this.perSession = perSession;
    meters.gauge("gridguard.ingest.credit.allocated", allocated, AtomicLong::get);
  }

  /** The initial credit of a new session; give it back with {@link #release} when it ends. */
  int allocate() {
    while (true) {
      long now = allocated.get();
      int credit = (int) Math.max(Math.min(FLOOR, perSession),
          Math.min(perSession, (max - now) / 8));
      if (allocated.compareAndSet(now, now + credit)) {
        return credit;
      }
    }
  }

  void release(int credit) {
    allocated.addAndGet(-credit);
  }

  long allocated() {
    return allocated.get();
  }
}
