package org.gridguard.hub.ingest;

import java.util.ArrayDeque;
import org.gridguard.hub.record.StreamKey;

/**
 * One lane of a session: which sequences were already received or committed (replays), and the
 * batches in flight in arrival order, so acks stay cumulative even when stores finish out of
 * order. Event-loop confined.
 */
final class LaneState {
  /** A received batch until it is durable and acknowledged. */
  static final class Pending {
    final long lastSequence;
    final int items;
    final long receivedNanos;
    boolean durable;

    Pending(long lastSequence, int items, long receivedNanos) {
      this.lastSequence = lastSequence;
      this.items = items;
      this.receivedNanos = receivedNanos;
    }
  }

  /** What {@link #drain} released: ack up to {@code sequence}, grant {@code credit}. */
  record Released(long sequence, int credit) {}

  final StreamKey key;
  private long highestReceived;
  private long acked;
  private ArrayDeque<Pending> pending;

  LaneState(StreamKey key, long committed) {
    this.key = key;
    this.highestReceived = committed;
    this.acked = committed;
  }

  /** Index of the first record above everything received so far (records ascend). */
  int firstNew(long[] sequences) {
    int i = 0;
    while (i < sequences.length && sequences[i] <= highestReceived) {
      i++;
    }
    return i;
  }

  Pending received(long lastSequence, int items, long receivedNanos, boolean allReplayed) {
    Pending p = new Pending(lastSequence, items, receivedNanos);
    p.durable = allReplayed;
    highestReceived = Math.max(highestReceived, lastSequence);
    if (pending == null) {
      pending = new ArrayDeque<>(4);
    }
    pending.add(p);
    return p;
  }

  /**
   * Pops the durable prefix.
   *
   * @param onAcked told the receive time of every released batch (ack latency)
   * @return null when nothing was released
   */
  Released drain(java.util.function.LongConsumer onAcked) {
    if (pending == null) {
      return null;
    }
    int credit = 0;
    boolean any = false;
    while (!pending.isEmpty() && pending.peek().durable) {
      Pending p = pending.poll();
      acked = Math.max(acked, p.lastSequence);
      credit += p.items;
      onAcked.accept(p.receivedNanos);
      any = true;
    }
    if (pending.isEmpty()) {
      pending = null; // idle connections keep no deque
    }
    return any ? new Released(acked, credit) : null;
  }

  long acked() {
    return acked;
  }

  int inFlight() {
    return pending == null ? 0 : pending.size();
  }
}
