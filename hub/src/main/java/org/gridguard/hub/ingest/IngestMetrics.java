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
  private final Timer ackLatency;

  IngestMetrics(MeterRegistry meters) {
    this.meters = meters;
    priorityIn = meters.counter("gridguard.ingest.records.in", "lane", "PRIORITY");
    bulkIn = meters.counter("gridguard.ingest.records.in", "lane", "BULK");
    replayed = meters.counter("gridguard.ingest.records.replayed");
    paused = meters.counter("gridguard.ingest.reads.paused");
    protocolErrors = meters.counter("gridguard.ingest.protocol.errors");
    ackLatency = Timer.builder("gridguard.ingest.ack.latency")
        .description("batch received to acknowledged").publishPercentileHistogram()
        .register(meters);
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

  void acked(long receivedNanos) {
    ackLatency.record(System.nanoTime() - receivedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  MeterRegistry registry() {
    return meters;
  }
}
