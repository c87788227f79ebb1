package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PriorityCommitterTest {
  /** Records each transaction's gateways; the first one waits until released. */
  private static final class Store extends PriorityRecordStore {
    final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch twoStarted = new CountDownLatch(2);
    final CountDownLatch release = new CountDownLatch(1);
    volatile String poisoned = "";

    Store() {
      super(null, null, null, null, Listener.NONE);
    }

    @Override
    public int[] storeAll(List<Batch> batches) {
      List<String> gateways = batches.stream().map(b -> b.key().gatewayId()).toList();
      firstStarted.countDown();
      twoStarted.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the first transaction");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (gateways.contains(poisoned)) {
        throw new IllegalStateException("cannot store " + poisoned);
      }
      transactions.add(gateways);
      return new int[batches.size()];
    }

    @Override
    public int store(StreamKey key, List<Record> records) {
      return storeAll(List.of(new Batch(key, records)))[0];
    }
  }

  private final Store store = new Store();
  private PriorityCommitter committer;

  @AfterEach
  void close() {
    store.release.countDown();
    if (committer != null) {
      committer.close();
    }
  }

  private static StreamKey key(String gateway) {
    return new StreamKey(gateway, "s", Lane.PRIORITY);
  }

  private static List<Record> records(int n) {
    List<Record> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Record.newBuilder().setSequence(i).build());
    }
    return out;
  }

  @Test
  void submit_batchesQueuedWhileOneCommits_areCommittedTogetherInOneTransaction()
      throws Exception {
    committer = new PriorityCommitter(store, 1, 100, new SimpleMeterRegistry());
    CompletableFuture<Void> first = committer.submit(key("g0"), records(1));
    assertThat(store.firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> later = new ArrayList<>();
    for (int g = 1; g <= 5; g++) {
      later.add(committer.submit(key("g" + g), records(3)));
    }
    store.release.countDown();
    CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertThat(first).isCompleted();
    assertThat(store.transactions).containsExactly(List.of("g0"),
        List.of("g1", "g2", "g3", "g4", "g5"));
  }

  @Test
  void submit_backlogWithSeveralThreads_eachThreadTakesAShareNotTheWholeQueue() throws Exception {
    committer = new PriorityCommitter(store, 2, 100, new SimpleMeterRegistry());
    committer.submit(key("g0"), records(1));
    committer.submit(key("g1"), records(1));
    assertThat(store.twoStarted.await(5, TimeUnit.SECONDS)).as("both threads busy").isTrue();
    List<CompletableFuture<Void>> later = new ArrayList<>();
    for (int g = 2; g < 12; g++) {
      later.add(committer.submit(key("g" + g), records(1)));
    }
    store.release.countDown();
    CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    List<List<String>> backlog = store.transactions.stream()
        .filter(t -> !t.equals(List.of("g0")) && !t.equals(List.of("g1"))).toList();
    assertThat(backlog.stream().mapToInt(List::size).sum()).isEqualTo(10);
    assertThat(backlog).as("ten waiting, two threads: about half each").hasSizeGreaterThan(1)
        .allSatisfy(t -> assertThat(t.size()).isLessThanOrEqualTo(6));
  }

  @Test
  void submit_groupWouldExceedTheRecordLimit_nextBatchStartsTheNextGroup() throws Exception {
    committer = new PriorityCommitter(store, 1, 100, new SimpleMeterRegistry());
    committer.submit(key("g0"), records(1));
    assertThat(store.firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    int half = PriorityCommitter.MAX_GROUP_RECORDS / 2;
    CompletableFuture<Void> a = committer.submit(key("a"), records(half));
    CompletableFuture<Void> b = committer.submit(key("b"), records(half));
    CompletableFuture<Void> c = committer.submit(key("c"), records(1));
    store.release.countDown();
    CompletableFuture.allOf(a, b, c).get(5, TimeUnit.SECONDS);
    assertThat(store.transactions).containsExactly(List.of("g0"), List.of("a", "b"),
        List.of("c"));
  }

  @Test
  void submit_groupFails_eachBatchIsTriedAloneAndOnlyThePoisonedOneFails() throws Exception {
    committer = new PriorityCommitter(store, 1, 100, new SimpleMeterRegistry());
    committer.submit(key("g0"), records(1));
    assertThat(store.firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    store.poisoned = "bad";
    CompletableFuture<Void> good1 = committer.submit(key("good1"), records(2));
    CompletableFuture<Void> bad = committer.submit(key("bad"), records(2));
    CompletableFuture<Void> good2 = committer.submit(key("good2"), records(2));
    store.release.countDown();
    CompletableFuture.allOf(good1, good2).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasMessageContaining("cannot store bad");
    assertThat(store.transactions).containsExactly(List.of("g0"), List.of("good1"),
        List.of("good2"));
  }

  @Test
  void submit_queueFull_isRefusedAtOnce() throws Exception {
    committer = new PriorityCommitter(store, 1, 2, new SimpleMeterRegistry());
    committer.submit(key("g0"), records(1));
    assertThat(store.firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    committer.submit(key("g1"), records(1));
    committer.submit(key("g2"), records(1));
    assertThatThrownBy(() -> committer.submit(key("g3"), records(1)))
        .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("queue full");
  }
}
