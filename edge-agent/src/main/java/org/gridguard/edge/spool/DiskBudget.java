package org.gridguard.edge.spool;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.SpoolWriter.Kind;
import org.gridguard.edge.spool.SpoolWriter.Pending;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's disk budget, enforced on the writer thread before each item is written: over
 * {@code disk_budget} the oldest BULK (telemetry) segment goes; PRIORITY and EVIDENCE are kept
 * up to {@code hard_cap}, then their oldest segments go too. Every unacknowledged item dropped
 * (or refused for lack of room) is counted by kind, as totals (metrics) and as deltas for the
 * next SpoolReport.
 */
final class DiskBudget {
  private static final Logger log = LoggerFactory.getLogger(DiskBudget.class);

  private final SpoolConfig config;
  private final Map<Lane, LaneLog> lanes;
  private final Metrics.Counter droppedTelemetryTotal;
  private final Metrics.Counter droppedEventsTotal;
  private final Metrics.Counter droppedAlarmsTotal;
  private final Metrics.Counter droppedEvidenceTotal;
  private final AtomicLong[] dropDeltas = {new AtomicLong(), new AtomicLong(), new AtomicLong(),
      new AtomicLong()};

  DiskBudget(SpoolConfig config, Map<Lane, LaneLog> lanes, Metrics metrics) {
    this.config = config;
    this.lanes = lanes;
    this.droppedTelemetryTotal = metrics.counter("spool.dropped.telemetry");
    this.droppedEventsTotal = metrics.counter("spool.dropped.events");
    this.droppedAlarmsTotal = metrics.counter("spool.dropped.alarms");
    this.droppedEvidenceTotal = metrics.counter("spool.dropped.evidence");
  }

  /** Enforces the disk budget and hard cap before an item is written. */
  boolean makeRoom(Pending p, long frame) throws IOException {
    while (total() + frame > config.budgetBytes() && drop(Lane.BULK)) {
      // dropped the oldest telemetry segment
    }
    if (p.lane() == Lane.BULK && total() + frame > config.budgetBytes()) {
      refuse(p, "disk budget");
      return false;
    }
    while (total() + frame > config.hardCapBytes()
        && (drop(Lane.EVIDENCE) || drop(Lane.PRIORITY))) {
      // dropped the oldest evidence, then priority segment
    }
    if (total() + frame > config.hardCapBytes()) {
      refuse(p, "hard cap");
      return false;
    }
    return true;
  }

  private void refuse(Pending p, String limit) {
    count(p.kind(), 1);
    p.future().completeExceptionally(new SpoolRejectedException("spool " + limit + " of "
        + (limit.equals("hard cap") ? config.hardCapBytes() : config.budgetBytes())
        + " bytes is exhausted; " + p.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " item dropped"));
  }

  private long total() {
    long t = 0;
    for (LaneLog l : lanes.values()) {
      t += l.bytes();
    }
    return t;
  }

  private boolean drop(Lane laneId) throws IOException {
    LaneLog lane = lanes.get(laneId);
    Segment s = lane.detachOldest();
    if (s == null) {
      return false;
    }
    long[] counts = new long[Kind.values().length];
    lane.forEachUnacked(s, (seq, payload, pos) -> {
      if (laneId == Lane.BULK) {
        counts[Kind.TELEMETRY.ordinal()]++;
      } else if (laneId == Lane.EVIDENCE) {
        counts[Kind.EVIDENCE.ordinal()]++;
      } else {
        try {
          counts[SpoolWriter.kindOf(Record.parseFrom(payload)).ordinal()]++;
        } catch (InvalidProtocolBufferException e) {
          counts[Kind.EVENT.ordinal()]++;
        }
      }
      return true;
    });
    s.delete();
    for (Kind k : Kind.values()) {
      count(k, counts[k.ordinal()]);
    }
    log.warn("spool over its {}: dropped segment {} of lane {} ({} unacknowledged items: {})",
        laneId == Lane.BULK ? "disk budget" : "hard cap", s.path().getFileName(), laneId,
        Arrays.stream(counts).sum(), Arrays.toString(counts));
    return true;
  }

  private void count(Kind kind, long n) {
    if (n == 0) {
      return;
    }
    dropDeltas[kind.ordinal()].addAndGet(n);
    switch (kind) {
      case TELEMETRY -> droppedTelemetryTotal.add(n);
      case EVENT -> droppedEventsTotal.add(n);
      case ALARM -> droppedAlarmsTotal.add(n);
      case EVIDENCE -> droppedEvidenceTotal.add(n);
      default -> { }
    }
  }

  DropCounts takeDrops() {
    return new DropCounts(dropDeltas[0].getAndSet(0), dropDeltas[1].getAndSet(0),
        dropDeltas[2].getAndSet(0), dropDeltas[3].getAndSet(0));
  }

  void restoreDrops(DropCounts d) {
    dropDeltas[0].addAndGet(d.telemetry());
    dropDeltas[1].addAndGet(d.events());
    dropDeltas[2].addAndGet(d.alarms());
    dropDeltas[3].addAndGet(d.evidenceChunks());
  }
}
