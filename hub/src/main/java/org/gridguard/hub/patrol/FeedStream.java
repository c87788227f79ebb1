package org.gridguard.hub.patrol;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One open SSE stream of one user. Only one thread at a time pumps it ({@link #tryClaim}): it
 * fetches the rows after the last one queued — at most {@code capacity}, the stream's send queue —
 * and writes them in order; so nothing is sent twice or out of order, and memory per stream is
 * bounded whatever the backlog. A wake while pumping sets {@link #dirty} and the pump goes round
 * again, so nothing committed before a wake is left behind.
 */
final class FeedStream {
  /** Writes one event or comment; throws if the client is gone. */
  interface Sink {
    void event(long id, String name, String data) throws IOException;

    void comment(String text) throws IOException;

    void close();
  }

  /** Reads rows of the stream's user after a sequence. */
  interface Source {
    List<FeedRow> after(String username, long after, int limit);
  }

  private final String username;
  private final Sink sink;
  private final int capacity;
  private final LongSupplier nanos;
  private final long openedAt;
  private final ArrayDeque<FeedRow> queue;
  private final AtomicBoolean pumping = new AtomicBoolean();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final AtomicBoolean heartbeatDue = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** When the write in progress began (nanos), 0 when none is. */
  private final AtomicLong writingSince = new AtomicLong();
  private volatile long lastQueued;
  private volatile long lastSent;

  FeedStream(String username, long after, Sink sink, int capacity, LongSupplier nanos) {
    this.username = username;
    this.sink = sink;
    this.capacity = capacity;
    this.nanos = nanos;
    this.openedAt = nanos.getAsLong();
    this.queue = new ArrayDeque<>(Math.min(capacity, 64));
    this.lastQueued = after;
    this.lastSent = after;
  }

  String username() {
    return username;
  }

  long openedAt() {
    return openedAt;
  }

  long lastSent() {
    return lastSent;
  }

  long lastQueued() {
    return lastQueued;
  }

  boolean closed() {
    return closed.get();
  }

  /** Marks new rows (or a heartbeat) to look at; true if the caller should schedule a pump. */
  boolean wake() {
    dirty.set(true);
    return !closed.get() && !pumping.get();
  }

  /**
   * Marks a heartbeat to write — without marking rows to look at: a heartbeat must not cost
   * every open stream an outbox read (1,000 phones every {@code heartbeat} would take the
   * connection pool from the alarms); missed wake-ups are the poller's job. True if the caller
   * should schedule a pump.
   */
  boolean heartbeat() {
    heartbeatDue.set(true);
    return !closed.get() && !pumping.get();
  }

  /** Whether this thread may pump now (no other thread is). */
  boolean tryClaim() {
    return !closed.get() && pumping.compareAndSet(false, true);
  }

  /**
   * Pumps until nothing is left to send; the claim is released at the end. Returns true if the
   * stream was woken again just after the release (the caller should schedule another pump).
   *
   * @return whether another pump is needed
   * @throws IOException if the client is gone (the stream is then closed)
   */
  boolean pump(Source source) throws IOException {
    try {
      while (!closed.get() && (dirty.getAndSet(false) | !queue.isEmpty())) {
        List<FeedRow> rows = source.after(username, lastQueued, capacity - queue.size());
        for (FeedRow r : rows) {
          queue.add(r);
          lastQueued = r.seq();
        }
        boolean full = rows.size() >= capacity;
        FeedRow r;
        while (!closed.get() && (r = queue.poll()) != null) {
          write(r);
        }
        if (full) {
          dirty.set(true); // there may be more behind the batch
        }
      }
      if (heartbeatDue.getAndSet(false) && !closed.get()) {
        writingSince.set(nanos.getAsLong());
        try {
          sink.comment("hb");
        } finally {
          writingSince.set(0);
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    } finally {
      pumping.set(false);
    }
    return !closed.get() && (dirty.get() || heartbeatDue.get());
  }

  private void write(FeedRow r) throws IOException {
    writingSince.set(nanos.getAsLong());
    try {
      sink.event(r.seq(), r.kind().name().toLowerCase(Locale.ROOT), r.payload());
      lastSent = r.seq();
    } finally {
      writingSince.set(0);
    }
  }

  /** Whether a write has been blocked for longer than {@code limitNanos}. */
  boolean stuck(long limitNanos) {
    long since = writingSince.get();
    return since != 0 && nanos.getAsLong() - since > limitNanos;
  }

  /** Closes the stream (idempotent); returns whether this call closed it. */
  boolean close() {
    if (closed.compareAndSet(false, true)) {
      sink.close();
      return true;
    }
    return false;
  }
}
