package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the PRIORITY batches of <em>all</em> sessions: each of its {@code threads} takes the
 * oldest waiting batch and, with it, its fair share of the batches of other sessions that
 * queued while the database was busy (waiting ÷ threads, at most {@link #MAX_GROUP_RECORDS}
 * records), and stores them in one
 * transaction ({@link PriorityRecordStore#storeAll}) — one cursor lock statement, one insert,
 * one alarm read and write for the lot, instead of one of each per gateway. An idle database
 * therefore commits each batch alone at once (no waiting to fill a group); a busy one commits
 * larger groups, so the queue drains faster the longer it is (group commit across gateways, the
 * way {@link PriorityGroups} does it within one session, which still keeps one transaction per
 * session in flight and so each session's order).
 *
 * <p>A group whose transaction fails (a poisoned batch, a deadlock with another hub instance) is
 * rolled back as a whole and each of its batches is then tried alone, so one gateway's bad batch
 * fails only that gateway. Bounded: at most {@code queue} batches wait; beyond that
 * {@link #submit} throws {@link RejectedExecutionException} (the session answers OVERLOADED).
 */
final class PriorityCommitter implements AutoCloseable {
  /** Most records in one group (one transaction); a batch is never split. */
  static final int MAX_GROUP_RECORDS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(PriorityCommitter.class);

  private record Job(StreamKey key, List<Record> records, CompletableFuture<Void> done,
      long queuedAt) {}

  private final PriorityRecordStore store;
  private final BlockingQueue<Job> queue;
  private final List<Thread> threads = new ArrayList<>();
  private final DistributionSummary groupBatches;
  private final Counter retriedAlone;
  private final Timer waited;
  private final Timer committed;
  private volatile boolean closed;

  PriorityCommitter(PriorityRecordStore store, int threads, int queue, MeterRegistry meters) {
    this.store = store;
    this.queue = new ArrayBlockingQueue<>(queue);
    this.groupBatches = DistributionSummary.builder("gridguard.ingest.priority.group.batches")
        .description("PRIORITY batches (of all sessions) committed in one transaction")
        .register(meters);
    this.retriedAlone = Counter.builder("gridguard.ingest.priority.group.retried")
        .description("batches tried alone after the group transaction holding them failed")
        .register(meters);
    this.waited = Timer.builder("gridguard.ingest.priority.wait")
        .description("time a PRIORITY batch waited for a store thread").register(meters);
    this.committed = Timer.builder("gridguard.ingest.priority.commit")
        .description("time of one PRIORITY group's transaction (all its batches)")
        .register(meters);
    Gauge.builder("gridguard.executor.queued", this.queue, BlockingQueue::size)
        .tag("name", "gg-store").description("PRIORITY batches waiting for a transaction")
        .register(meters);
    for (int i = 1; i <= threads; i++) {
      Thread t = new Thread(this::run, "gg-store-" + i);
      t.setDaemon(true);
      this.threads.add(t);
      t.start();
    }
  }

  /**
   * Queues one session's batch (ascending, new); the future completes once it is committed.
   *
   * @throws RejectedExecutionException if {@code queue} batches already wait, or closed
   */
  CompletableFuture<Void> submit(StreamKey key, List<Record> records) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed || !queue.offer(new Job(key, records, done, System.nanoTime()))) {
      throw new RejectedExecutionException(closed ? "PRIORITY committer closed"
          : "PRIORITY queue full (" + queue.size() + " batches waiting)");
    }
    return done;
  }

  private void run() {
    Job carried = null;
    List<Job> group = new ArrayList<>();
    while (!closed) {
      try {
        Job first = carried != null ? carried : queue.take();
        carried = null;
        group.clear();
        group.add(first);
        int records = first.records().size();
        // a fair share of what waits, so the other threads get work too: one thread taking the
        // whole queue would make every batch wait for one long transaction (and a backlog of
        // new alarms, each an incident, is long)
        int share = Math.max(1, (queue.size() + threads.size()) / threads.size());
        Job next;
        while (group.size() < share && (next = queue.poll()) != null) {
          if (records + next.records().size() > MAX_GROUP_RECORDS || sameKey(group, next)) {
            carried = next; // starts the next group
            break;
          }
          group.add(next);
          records += next.records().size();
        }
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A session has one batch in flight; a second one of the same key would be a caller bug. */
  private static boolean sameKey(List<Job> group, Job next) {
    for (Job j : group) {
      if (j.key().equals(next.key())) {
        return true;
      }
    }
    return false;
  }

  private void commit(List<Job> group) {
    groupBatches.record(group.size());
    long started = System.nanoTime();
    for (Job j : group) {
      waited.record(started - j.queuedAt(), TimeUnit.NANOSECONDS);
    }
    try {
      List<PriorityRecordStore.Batch> batches = new ArrayList<>(group.size());
      for (Job j : group) {
        batches.add(new PriorityRecordStore.Batch(j.key(), j.records()));
      }
      store.storeAll(batches);
      committed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      group.forEach(j -> j.done().complete(null));
      return;
    } catch (RuntimeException | Error e) {
      if (group.size() == 1) {
        group.get(0).done().completeExceptionally(e);
        return;
      }
      log.warn("a group of {} PRIORITY batches failed ({}); trying each alone", group.size(),
          e.toString());
    }
    for (Job j : group) {
      retriedAlone.increment();
      try {
        store.store(j.key(), j.records());
        j.done().complete(null);
      } catch (RuntimeException | Error e) {
        j.done().completeExceptionally(e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    Job j;
    while ((j = queue.poll()) != null) {
      j.done().completeExceptionally(new RejectedExecutionException("hub stopping"));
    }
  }
}
