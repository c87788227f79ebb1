package org.gridguard.hub.ingest;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.telemetry.TelemetryBatch;
import org.gridguard.protocol.v1.Lane;

/**
 * An open session: the authenticated gateway, its stream's lanes, the credit it has left, and
 * telemetry batches parked while the pipeline is full. Confined to the channel's event loop,
 * except {@link #channel()} and the identity fields.
 */
final class Session {
  static final AttributeKey<Session> KEY = AttributeKey.valueOf("gg-session");

  private final Channel channel;
  private final Gateway gateway;
  private final String streamId;
  private final String sessionId;
  private final LaneState priority;
  private final LaneState bulk;
  private final LaneState evidence;
  private boolean evidenceEnabled;
  /** Set once before the session is registered; read from any thread. */
  private volatile EdgeSession info;
  /** Chains evidence writes in sequence order. */
  CompletableFuture<?> evidenceTail = CompletableFuture.completedFuture(null);
  private long credit;
  private ArrayDeque<TelemetryBatch> parked;
  private boolean waitingForSpace;
  private boolean readPaused;
  private int owedCredit;
  private boolean creditWaiting;
  /** PRIORITY writes: in sequence order whatever the thread count, grouped under load. */
  final PriorityGroups priorityGroups;

  Session(Channel channel, Gateway gateway, String streamId, String sessionId,
      long committedPriority, long committedBulk, long committedEvidence, long initialCredit) {
    this.channel = channel;
    this.gateway = gateway;
    this.streamId = streamId;
    this.sessionId = sessionId;
    this.priority = new LaneState(new StreamKey(gateway.id(), streamId, Lane.PRIORITY),
        committedPriority);
    this.bulk = new LaneState(new StreamKey(gateway.id(), streamId, Lane.BULK), committedBulk);
    this.evidence = new LaneState(new StreamKey(gateway.id(), streamId, Lane.EVIDENCE),
        committedEvidence);
    this.credit = initialCredit;
    this.priorityGroups = new PriorityGroups(channel.eventLoop());
  }

  static Session of(Channel channel) {
    return channel.attr(KEY).get();
  }

  Channel channel() {
    return channel;
  }

  Gateway gateway() {
    return gateway;
  }

  String streamId() {
    return streamId;
  }

  String sessionId() {
    return sessionId;
  }

  LaneState lane(Lane lane) {
    return switch (lane) {
      case BULK -> bulk;
      case EVIDENCE -> evidence;
      default -> priority;
    };
  }

  /** Whether the session negotiated feature {@code evidence.v1}. */
  boolean evidenceEnabled() {
    return evidenceEnabled;
  }

  void evidenceEnabled(boolean enabled) {
    this.evidenceEnabled = enabled;
  }

  /** What the Hello said, for features beyond storage; null until the session is set up. */
  EdgeSession info() {
    return info;
  }

  void info(EdgeSession info) {
    this.info = info;
  }

  /** @return false when the gateway sent more than the credit it was granted */
  boolean consumeCredit(int items) {
    credit -= items;
    return credit >= 0;
  }

  void grantCredit(int items) {
    credit += items;
  }

  /** Credit earned by durable telemetry but withheld while the pipeline is full. */
  void owe(int items) {
    owedCredit += items;
  }

  int owedCredit() {
    return owedCredit;
  }

  int takeOwed() {
    int owed = owedCredit;
    owedCredit = 0;
    return owed;
  }

  boolean creditWaiting() {
    return creditWaiting;
  }

  void creditWaiting(boolean waiting) {
    this.creditWaiting = waiting;
  }

  long credit() {
    return credit;
  }

  boolean hasParked() {
    return parked != null && !parked.isEmpty();
  }

  void park(TelemetryBatch batch) {
    if (parked == null) {
      parked = new ArrayDeque<>(4);
    }
    parked.add(batch);
  }

  ArrayDeque<TelemetryBatch> parked() {
    return parked;
  }

  /** Whether the hub stopped reading this gateway because the parked budget is used up. */
  boolean readPaused() {
    return readPaused;
  }

  void readPaused(boolean paused) {
    this.readPaused = paused;
  }

  boolean waitingForSpace() {
    return waitingForSpace;
  }

  void waitingForSpace(boolean waiting) {
    this.waitingForSpace = waiting;
  }
}
