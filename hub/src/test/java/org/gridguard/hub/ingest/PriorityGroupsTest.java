package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.LongStream;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

class PriorityGroupsTest {
  /** Runs what it was given only when told: the test decides what is in flight. */
  private static final class Manual implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    void runAll() {
      Runnable r;
      while ((r = tasks.poll()) != null) {
        r.run();
      }
    }
  }

  private final Manual loop = new Manual();
  private final Manual db = new Manual();
  private final List<List<Long>> transactions = new ArrayList<>();
  private final PriorityGroups groups = new PriorityGroups(loop);

  private static List<Record> records(long from, long to) {
    return LongStream.rangeClosed(from, to)
        .mapToObj(s -> Record.newBuilder().setSequence(s).build()).toList();
  }

  private CompletableFuture<Void> add(long from, long to) {
    return groups.add(records(from, to), rs -> CompletableFuture.runAsync(
        () -> transactions.add(rs.stream().map(Record::getSequence).toList()), db));
  }

  private void step() {
    db.runAll();
    loop.runAll();
  }

  @Test
  void add_batchesArrivingWhileOneIsStored_areCommittedTogetherInOrderNext() {
    CompletableFuture<Void> first = add(1, 1);
    CompletableFuture<Void> second = add(2, 3);
    CompletableFuture<Void> third = add(4, 4);
    assertThat(groups.waiting()).as("the first is in flight alone").isEqualTo(2);

    step();
    assertThat(first).isCompleted();
    assertThat(second).isNotDone();
    step();
    assertThat(transactions).containsExactly(List.of(1L), List.of(2L, 3L, 4L));
    assertThat(second).isCompleted();
    assertThat(third).isCompleted();
  }

  @Test
  void add_idleDatabase_eachBatchIsItsOwnTransactionAtOnce() {
    add(1, 2);
    step();
    add(3, 3);
    step();
    assertThat(transactions).containsExactly(List.of(1L, 2L), List.of(3L));
  }

  @Test
  void add_moreWaitingThanOneGroupHolds_groupsStopAtTheLimitWithoutSplittingABatch() {
    add(1, 1);
    int batch = PriorityGroups.MAX_GROUP_RECORDS / 2 - 1;
    long next = 2;
    for (int i = 0; i < 3; i++) {
      add(next, next + batch - 1);
      next += batch;
    }
    step();
    step();
    step();
    assertThat(transactions).extracting(List::size)
        .containsExactly(1, 2 * batch, batch);
    assertThat(transactions.get(1).get(0)).isEqualTo(2L);
    assertThat(transactions.get(2).get(batch - 1)).isEqualTo(next - 1);
  }

  @Test
  void add_groupFails_itAndEverythingWaitingBehindItFailNothingCommitsOutOfOrder() {
    CompletableFuture<Void> failing = groups.add(records(1, 1), rs -> CompletableFuture.runAsync(
        () -> {
          throw new IllegalStateException("database down");
        }, db));
    CompletableFuture<Void> behind = add(2, 2);
    step();
    assertThat(failing).isCompletedExceptionally();
    assertThat(behind).isCompletedExceptionally();
    assertThat(transactions).isEmpty();

    CompletableFuture<Void> later = add(2, 2); // the gateway resends on a new session
    step();
    assertThat(later).isCompleted();
    assertThat(transactions).containsExactly(List.of(2L));
  }

  @Test
  void add_committerRefuses_theBatchFailsAndTheNextOneStillRuns() {
    CompletableFuture<Void> refused = groups.add(records(1, 1), rs -> {
      throw new RejectedExecutionException("store queue full");
    });
    loop.runAll();
    assertThat(refused).isCompletedExceptionally();
    CompletableFuture<Void> next = add(2, 2);
    step();
    assertThat(next).isCompleted();
  }
}
