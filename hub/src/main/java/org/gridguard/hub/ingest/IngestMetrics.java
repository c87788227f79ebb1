package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.RejectReason;
import org.springframework.stereotype.Component;

/** Ingest meters, one place for their names. */
@Component
class IngestMetrics {
  private final MeterRegistry meters;
  private final Counter priorityIn;
  private final Counter bulkIn;
  private final Counter replayed;
  private final Counter paused;
  private final Counter protocolErrors;
  private final java.util.Map<Lane, Timer> ackLatency = new java.util.EnumMap<>(Lane.class);

  IngestMetrics(MeterRegistry meters) {
    this.meters = meters;
    priorityIn = meters.counter("gridguard.ingest.records.in", "lane", "PRIORITY");
    bulkIn = meters.counter("gridguard.ingest.records.in", "lane", "BULK");
    replayed = meters.counter("gridguard.ingest.records.replayed");
    paused = meters.counter("gridguard.ingest.reads.paused");
    protocolErrors = meters.counter("gridguard.ingest.protocol.errors");
    // per lane: PRIORITY is the alarm path (arrival at the hub to its transaction committed,
    // alarms and incidents included, and the Ack written), the incident benchmark's p99
    for (Lane lane : new Lane[] {Lane.PRIORITY, Lane.BULK, Lane.EVIDENCE}) {
      ackLatency.put(lane, Timer.builder("gridguard.ingest.ack.latency").tag("lane", lane.name())
          .description("batch received to durable and acknowledged").publishPercentileHistogram()
          .register(meters));
    }
  }

  void recordsIn(Lane lane, int n) {
    (lane == Lane.BULK ? bulkIn : priorityIn).increment(n);
  }

  void replayed(int n) {
    replayed.increment(n);
  }

  void paused() {
    paused.increment();
  }

  void protocolError() {
    protocolErrors.increment();
  }

  void rejected(RejectReason reason) {
    meters.counter("gridguard.ingest.rejects", "reason", reason.name()).increment();
  }

  /** A connection closed for silence: {@code stage} "hello" (no Hello in time) or "session". */
  void timeout(String stage) {
    meters.counter("gridguard.ingest.timeouts", "stage", stage).increment();
  }

  /** A Hello refused at once because its address or gateway id is blocked ({@code by}). */
  void helloBlocked(String by) {
    meters.counter("gridguard.ingest.hello.blocked", "by", by).increment();
  }

  /** A Hello refused because its address or gateway id has its share of checks in flight. */
  void helloBusy(String by) {
    meters.counter("gridguard.ingest.hello.busy", "by", by).increment();
  }

  /** A Hello sent to the fast (no PBKDF2) or the normal auth lane. */
  void helloLane(String lane) {
    meters.counter("gridguard.ingest.hello.lane", "lane", lane).increment();
  }

  /** A new connection refused by an unauthenticated-connection bound ({@code limit}). */
  void unauthenticatedRefused(String limit) {
    meters.counter("gridguard.ingest.unauthenticated.refused", "limit", limit).increment();
  }

  /** An unexpected (non-protocol) error closed a connection; {@code kind} is its class. */
  void connectionError(String kind) {
    meters.counter("gridguard.ingest.connection.errors", "kind", kind).increment();
  }

  void acked(Lane lane, long receivedNanos) {
    ackLatency.get(lane).record(System.nanoTime() - receivedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  MeterRegistry registry() {
    return meters;
  }
}
