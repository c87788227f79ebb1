package org.gridguard.hub.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.gridguard.protocol.v1.Record;

/**
 * The PRIORITY batches of one session on their way to the database, committed in sequence
 * order with at most one transaction in flight — and, while one is in flight, the batches that
 * arrive meanwhile wait and are then committed <em>together</em> in the next transaction (group
 * commit), at most {@link #MAX_GROUP_RECORDS} records at a time. A gateway that sends one alarm
 * per frame therefore costs one transaction per frame when the database keeps up, and one per
 * group when it does not: the queue drains faster the longer it gets, instead of a backlog of
 * single-frame transactions each paying the cursor lock, the insert and the commit.
 *
 * <p>Confined to the session's event loop ({@code loop}): {@link #add} is called there, and the
 * completion of each group hops back to it before the next one starts.
 */
final class PriorityGroups {
  /** Most records in one group (one transaction); a batch is never split. */
  static final int MAX_GROUP_RECORDS = 1_000;

  private record Waiting(List<Record> records, CompletableFuture<Void> durable) {}

  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Executor loop;
  private boolean storing;

  /** @param loop the session's event loop, where completions continue */
  PriorityGroups(Executor loop) {
    this.loop = loop;
  }

  /**
   * Queues {@code records} (new, ascending, after every batch added before) to be committed by
   * {@code commit} (which answers a future completed once they are committed, or throws
   * {@link RejectedExecutionException} when it cannot take them); the future returned here
   * completes when they are committed.
   */
  CompletableFuture<Void> add(List<Record> records,
      Function<List<Record>, CompletableFuture<Void>> commit) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    waiting.add(new Waiting(records, durable));
    if (!storing) {
      next(commit);
    }
    return durable;
  }

  /** Batches waiting for a transaction (diagnostics and tests). */
  int waiting() {
    return waiting.size();
  }

  private void next(Function<List<Record>, CompletableFuture<Void>> commit) {
    if (waiting.isEmpty()) {
      storing = false;
      return;
    }
    List<Waiting> group = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    while (!waiting.isEmpty() && (group.isEmpty()
        || records.size() + waiting.peek().records().size() <= MAX_GROUP_RECORDS)) {
      Waiting w = waiting.poll();
      group.add(w);
      records.addAll(w.records());
    }
    storing = true;
    CompletableFuture<Void> committed;
    try {
      committed = commit.apply(records);
    } catch (RejectedExecutionException e) {
      committed = CompletableFuture.failedFuture(e);
    }
    committed.whenComplete((ok, error) -> loop.execute(() -> {
      for (Waiting w : group) {
        if (error == null) {
          w.durable().complete(null);
        } else {
          w.durable().completeExceptionally(error);
        }
      }
      if (error != null) {
        // what waits behind a failed group must not commit before it: fail it too (the session
        // closes and the gateway resends everything unacknowledged)
        Waiting w;
        while ((w = waiting.poll()) != null) {
          w.durable().completeExceptionally(error);
        }
      }
      next(commit);
    }));
  }
}
