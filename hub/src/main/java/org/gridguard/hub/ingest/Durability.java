package org.gridguard.hub.ingest;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.gridguard.hub.evidence.EvidenceStore;
import org.gridguard.hub.record.CursorCommitter;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.telemetry.LineProtocol;
import org.gridguard.hub.telemetry.TelemetryBatch;
import org.gridguard.hub.telemetry.TelemetryPipeline;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes new records of a session to their store and acknowledges them once durable
 * (PROTOCOL.md §5): telemetry through the {@link TelemetryPipeline} (parked in the session while
 * the pipeline is full, see {@link ParkedTelemetry}), PRIORITY records through
 * the {@link PriorityRecordStore} through a {@link PriorityCommit} (in the hub the
 * {@link PriorityCommitter}, which groups the batches of all sessions that wait into one
 * transaction), one batch per session in flight at a time with what arrived meanwhile grouped
 * into the next ({@link PriorityGroups}), evidence chunks through the
 * {@link EvidenceStore} on another one (slow disks or large items never delay an alarm: the two
 * share no thread and no queue). Completions hop back to the session's
 * event loop, where the durable prefix of each lane is acknowledged with one Ack and the same
 * number of items is granted as Credit. Never blocks the event loop.
 */
final class Durability {
  private static final Logger log = LoggerFactory.getLogger(Durability.class);

  /** Commits one session's PRIORITY batch; throws RejectedExecutionException when full. */
  @FunctionalInterface
  interface PriorityCommit {
    CompletableFuture<Void> commit(StreamKey key, List<Record> records);

    /** Each batch alone, in its own transaction on {@code executor} (tests). */
    static PriorityCommit alone(PriorityRecordStore store, Executor executor) {
      return (key, records) -> CompletableFuture.runAsync(() -> store.store(key, records),
          executor);
    }
  }

  private final TelemetryPipeline telemetry;
  private final PriorityCommit priority;
  private final EvidenceStore evidenceStore;
  private final Executor evidenceExecutor;
  private final CursorCommitter cursors;
  private final IngestMetrics metrics;
  private final ParkedTelemetry parked;

  Durability(TelemetryPipeline telemetry, PriorityCommit priority,
      EvidenceStore evidenceStore, Executor evidenceExecutor,
      CursorCommitter cursors, IngestMetrics metrics, ParkedTelemetry parked) {
    this.parked = parked;
    this.telemetry = telemetry;
    this.priority = priority;
    this.evidenceStore = evidenceStore;
    this.evidenceExecutor = evidenceExecutor;
    this.cursors = cursors;
    this.metrics = metrics;
  }

  /** Stores {@code records} (all new, ascending) and acknowledges {@code pending} once durable. */
  void store(Session session, Lane lane, List<Record> records, LaneState.Pending pending) {
    CompletableFuture<?> durable;
    if (lane == Lane.BULK) {
      durable = submitTelemetry(session, records);
    } else {
      LaneState state = session.lane(lane);
      durable = session.priorityGroups.add(records,
          group -> priority.commit(state.key, group));
    }
    whenDurable(session, lane, durable, pending);
  }

  /** Stores one evidence chunk (new, in sequence order) and acknowledges it once fsynced. */
  void storeEvidence(Session session, EvidenceChunk chunk, LaneState.Pending pending) {
    LaneState state = session.lane(Lane.EVIDENCE);
    CompletableFuture<?> durable = session.evidenceTail.thenRunAsync(
        () -> evidenceStore.store(state.key, chunk), evidenceExecutor);
    session.evidenceTail = durable;
    whenDurable(session, Lane.EVIDENCE, durable, pending);
  }

  private void whenDurable(Session session, Lane lane, CompletableFuture<?> durable,
      LaneState.Pending pending) {
    Channel channel = session.channel();
    durable.whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
      if (error != null) {
        failed(session, error);
        return;
      }
      pending.durable = true;
      acknowledge(session, lane);
    }));
  }

  /** Acknowledges whatever durable prefix the lane has now. Event loop only. */
  void acknowledge(Session session, Lane lane) {
    LaneState state = session.lane(lane);
    LaneState.Released released = state.drain(received -> metrics.acked(lane, received));
    Channel channel = session.channel();
    if (released == null || !channel.isActive()) {
      return;
    }
    channel.write(Ack.newBuilder().setLane(lane).setSequence(released.sequence()).build());
    if (lane == Lane.BULK) {
      cursors.durable(state.key, released.sequence());
      if (telemetry.full() || session.owedCredit() > 0) {
        // withhold telemetry credit while the pipeline is full (PROTOCOL.md §6); PRIORITY
        // credit still flows so alarms are never stuck behind telemetry
        session.owe(released.credit());
        channel.flush();
        awaitCreditRoom(session);
        return;
      }
    }
    grant(session, released.credit());
  }

  private void grant(Session session, int items) {
    session.grantCredit(items);
    session.channel().writeAndFlush(Credit.newBuilder().setRecords(items).build());
  }

  private void awaitCreditRoom(Session session) {
    if (session.creditWaiting()) {
      return;
    }
    session.creditWaiting(true);
    telemetry.whenSpace(1, () -> session.channel().eventLoop().execute(() -> {
      session.creditWaiting(false);
      if (!session.channel().isActive()) {
        return;
      }
      if (telemetry.full()) {
        awaitCreditRoom(session);
        return;
      }
      grant(session, session.takeOwed());
    }));
  }

  private CompletableFuture<Void> submitTelemetry(Session session, List<Record> records) {
    String gatewayId = session.gateway().id();
    LineProtocol.GatewayTags tags =
        LineProtocol.GatewayTags.of(session.gateway().gridCode(), gatewayId);
    StringBuilder lines = new StringBuilder(records.size() * 96);
    List<TelemetryBatch.Unwritable> unwritable = new ArrayList<>(0);
    int points = 0;
    for (Record record : records) {
      if (points > 0) {
        lines.append('\n');
      }
      int mark = lines.length();
      String problem = LineProtocol.append(lines, tags, record);
      if (problem == null) {
        points++;
      } else {
        // never stored, so dead-lettered with the reason and acknowledged (PROTOCOL.md §2.6);
        // the text form escapes what the line could not hold
        lines.setLength(points > 0 ? mark - 1 : mark);
        unwritable.add(new TelemetryBatch.Unwritable(record.toString(), problem));
      }
    }
    CompletableFuture<Void> durable = new CompletableFuture<>();
    TelemetryBatch batch = new TelemetryBatch(gatewayId, lines.toString(), points, unwritable,
        durable);
    if (session.hasParked() || !telemetry.offer(batch)) {
      session.park(batch);
      parked.add(batch.weight());
      hold(session);
    }
    return durable;
  }

  /**
   * The session has telemetry the pipeline cannot take now: wait for room, keep reading (alarms
   * and events behind it go on to the database; the gateway's credit bounds its telemetry) unless
   * the hub-wide parked budget is used up, then stop reading this gateway (TCP backpressure).
   */
  private void hold(Session session) {
    if (parked.overBudget() && !session.readPaused()) {
      session.readPaused(true);
      session.channel().config().setAutoRead(false);
      metrics.paused();
    }
    if (session.waitingForSpace()) {
      return;
    }
    session.waitingForSpace(true);
    telemetry.whenSpace(session.parked().peek().weight(),
        () -> session.channel().eventLoop().execute(() -> resume(session)));
  }

  private void resume(Session session) {
    session.waitingForSpace(false);
    var waiting = session.parked();
    while (waiting != null && !waiting.isEmpty()) {
      if (!telemetry.offer(waiting.peek())) {
        hold(session);
        return;
      }
      parked.remove(waiting.poll().weight());
    }
    if (session.readPaused()) {
      session.readPaused(false);
      if (session.channel().isActive()) {
        session.channel().config().setAutoRead(true);
      }
    }
  }

  private void failed(Session session, Throwable error) {
    Channel channel = session.channel();
    if (!channel.isActive()) {
      return;
    }
    log.warn("could not store records of gateway {}: {}", session.gateway().id(), error.toString());
    metrics.rejected(RejectReason.OVERLOADED);
    Rejects.rejectAndClose(channel, RejectReason.OVERLOADED,
        "hub could not store records now; resend after reconnecting", 5000);
  }
}
