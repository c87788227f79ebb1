package org.gridguard.edge.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private SpoolConfig config() {
    return new SpoolConfig(dir, 64 << 10, Duration.ofMillis(5), 1 << 20, 100L << 20, 200L << 20,
        100_000, 4096, Duration.ofSeconds(10));
  }

  private static List<Long> appendTelemetry(Spool spool, int from, int count) throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      futures.add(spool.append(SpoolRecords.telemetry("dev-1", i)));
    }
    List<Long> seqs = new ArrayList<>();
    for (CompletableFuture<Long> f : futures) {
      seqs.add(f.get(10, TimeUnit.SECONDS));
    }
    return seqs;
  }

  private static List<Record> readAll(Spool spool, Lane lane, long from) throws IOException {
    List<Record> out = new ArrayList<>();
    long next = from;
    while (true) {
      List<SpoolEntry> batch = spool.read(lane, next, 1000, 1 << 20);
      if (batch.isEmpty()) {
        return out;
      }
      for (SpoolEntry e : batch) {
        Record r = Record.parseFrom(e.payload());
        assertThat(r.getSequence()).isEqualTo(e.sequence());
        out.add(r);
      }
      next = batch.get(batch.size() - 1).sequence() + 1;
    }
  }

  @Test
  void append_manyRecordsAcrossSegments_readBackInOrderWithConsecutiveSequences()
      throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      List<Long> seqs = appendTelemetry(spool, 0, 5_000);
      assertThat(seqs.get(0)).isEqualTo(1);
      assertThat(seqs.get(4_999)).isEqualTo(5_000);
      List<Record> back = readAll(spool, Lane.BULK, 1);
      assertThat(back).hasSize(5_000);
      for (int i = 0; i < back.size(); i++) {
        assertThat(back.get(i).getSequence()).isEqualTo(i + 1);
        assertThat(SpoolRecords.number(back.get(i))).isEqualTo(i);
      }
      assertThat(readAll(spool, Lane.BULK, 4_001)).hasSize(1_000);
      assertThat(readAll(spool, Lane.PRIORITY, 1)).isEmpty();
      assertThat(laneFiles("bulk")).hasSizeGreaterThan(1);
    }
  }

  @Test
  void append_alarmAndTelemetry_goToTheirOwnLanesWithOwnSequences() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(spool.append(SpoolRecords.telemetry("d", 1)).get()).isEqualTo(1);
      assertThat(spool.append(SpoolRecords.alarm("d", 7)).get()).isEqualTo(1);
      assertThat(spool.append(SpoolRecords.telemetry("d", 2)).get()).isEqualTo(2);
      assertThat(readAll(spool, Lane.PRIORITY, 1)).extracting(SpoolRecords::number)
          .containsExactly(7L);
      assertThat(readAll(spool, Lane.BULK, 1)).extracting(SpoolRecords::number)
          .containsExactly(1L, 2L);
    }
  }

  @Test
  void append_alarm_isCommittedAtOnceNotAfterTheGroupInterval() throws Exception {
    SpoolConfig slow = new SpoolConfig(dir, 64 << 10, SpoolConfig.MAX_FSYNC_INTERVAL, 1 << 20,
        100L << 20, 200L << 20, 100_000, 4096, Duration.ofSeconds(10));
    try (Spool spool = Spool.open(slow, new Metrics())) {
      CompletableFuture<Long> telemetry = spool.append(SpoolRecords.telemetry("d", 1));
      CompletableFuture<Long> alarm = spool.append(SpoolRecords.alarm("d", 7));
      // the group interval is 1 s: without the alarm this group would wait for it
      assertThat(alarm.get(700, TimeUnit.MILLISECONDS)).isEqualTo(1);
      assertThat(telemetry).as("the telemetry before it is in the same group").isDone();
      assertThat(spool.durableSequence(Lane.PRIORITY)).isEqualTo(1);
    }
  }

  @Test
  void append_futureCompletes_onlyOnceDurableAndReadable() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      for (int i = 0; i < 200; i++) {
        long seq = spool.append(SpoolRecords.telemetry("d", i)).get();
        assertThat(spool.durableSequence(Lane.BULK)).isGreaterThanOrEqualTo(seq);
      }
    }
  }

  @Test
  void open_existingSpool_keepsStreamIdAndContinuesSequences() throws Exception {
    UUID stream;
    try (Spool spool = Spool.open(config(), new Metrics())) {
      stream = spool.streamId();
      appendTelemetry(spool, 0, 100);
    }
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(spool.streamId()).isEqualTo(stream);
      assertThat(appendTelemetry(spool, 100, 1)).containsExactly(101L);
      assertThat(readAll(spool, Lane.BULK, 1)).hasSize(101);
    }
  }

  @Test
  void open_tornTail_cutsTheTornItemAndReusesItsSequence() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      appendTelemetry(spool, 0, 10);
    }
    Path seg = laneFiles("bulk").get(0);
    long size = Files.size(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(size - 7); // a crash in the middle of writing item 10
    }
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(readAll(spool, Lane.BULK, 1)).extracting(SpoolRecords::number)
          .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
      assertThat(spool.metrics().counterValue("spool.recovery.truncated_bytes")).isPositive();
      assertThat(appendTelemetry(spool, 100, 1)).containsExactly(10L);
      assertThat(readAll(spool, Lane.BULK, 10)).extracting(SpoolRecords::number)
          .containsExactly(100L);
    }
  }

  @Test
  void open_garbageAfterLastItem_cutsTheGarbage() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      appendTelemetry(spool, 0, 5);
    }
    Path seg = laneFiles("bulk").get(0);
    Files.write(seg, new byte[] {0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25}, java.nio.file.StandardOpenOption.APPEND);
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(readAll(spool, Lane.BULK, 1)).hasSize(5);
      assertThat(appendTelemetry(spool, 5, 1)).containsExactly(6L);
    }
  }

  @Test
  void open_flippedByteInMiddleItem_cutsFromThatItem() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      appendTelemetry(spool, 0, 10);
    }
    Path seg = laneFiles("bulk").get(0);
    long itemSize = Files.size(seg) / 10; // all sample items have the same size
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      long pos = itemSize * 4 + 20;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x40);
    }
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(readAll(spool, Lane.BULK, 1)).extracting(SpoolRecords::number)
          .containsExactly(0L, 1L, 2L, 3L);
    }
  }

  @Test
  void acknowledge_cursorPersistedAndSegmentsBelowItDeleted() throws Exception {
    long last;
    try (Spool spool = Spool.open(config(), new Metrics())) {
      List<Long> seqs = appendTelemetry(spool, 0, 3_000);
      last = seqs.get(seqs.size() - 1);
      int before = laneFiles("bulk").size();
      assertThat(before).isGreaterThan(2);
      spool.acknowledge(Lane.BULK, 2_000);
      org.awaitility.Awaitility.await("segments below the cursor deleted")
          .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
          .until(() -> laneFiles("bulk").size() < before);
      assertThat(readAll(spool, Lane.BULK, 2_001)).hasSize(1_000);
    }
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(spool.acknowledged(Lane.BULK)).isEqualTo(2_000);
      assertThat(readAll(spool, Lane.BULK, 2_001)).hasSize(1_000);
      assertThat(appendTelemetry(spool, 0, 1)).containsExactly(last + 1);
    }
  }

  @Test
  void acknowledge_everything_sequencesStillContinueAfterReopen() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      appendTelemetry(spool, 0, 3_000);
      spool.acknowledge(Lane.BULK, 3_000);
    }
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(readAll(spool, Lane.BULK, 1)).hasSizeLessThan(3_000);
      assertThat(appendTelemetry(spool, 0, 1)).containsExactly(3_001L);
    }
  }

  @Test
  void acknowledge_beyondLastSequence_nextSequenceJumpsPastIt() throws Exception {
    try (Spool spool = Spool.open(config(), new Metrics())) {
      appendTelemetry(spool, 0, 3);
      spool.acknowledge(Lane.BULK, 50);
      assertThat(appendTelemetry(spool, 3, 1)).containsExactly(51L);
      assertThat(readAll(spool, Lane.BULK, 51)).extracting(SpoolRecords::number)
          .containsExactly(3L);
    }
  }

  @Test
  void append_overBudget_dropsOldestTelemetryKeepsAlarmsAndCounts() throws Exception {
    SpoolConfig small = config().withSegmentBytes(8192).withBudget(64 << 10, 1 << 20);
    try (Spool spool = Spool.open(small, new Metrics())) {
      List<CompletableFuture<Long>> alarms = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        alarms.add(spool.append(SpoolRecords.alarm("door", i)));
      }
      appendTelemetry(spool, 0, 5_000);
      for (CompletableFuture<Long> f : alarms) {
        f.get();
      }
      assertThat(spool.bytes()).isLessThanOrEqualTo(64 << 10);
      List<Record> bulk = readAll(spool, Lane.BULK, 1);
      assertThat(bulk).isNotEmpty().hasSizeLessThan(5_000);
      assertThat(SpoolRecords.number(bulk.get(bulk.size() - 1))).isEqualTo(4_999);
      assertThat(readAll(spool, Lane.PRIORITY, 1)).hasSize(20);
      DropCounts drops = spool.takeDrops();
      assertThat(drops.telemetry()).isEqualTo(5_000 - bulk.size());
      assertThat(drops.alarms()).isZero();
      assertThat(spool.takeDrops().isEmpty()).isTrue();
    }
  }

  @Test
  void append_overHardCap_dropsOldestAlarmsAndCountsThem() throws Exception {
    SpoolConfig small = config().withSegmentBytes(8192).withBudget(32 << 10, 48 << 10);
    try (Spool spool = Spool.open(small, new Metrics())) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        futures.add(spool.append(SpoolRecords.alarm("door", i)));
      }
      for (CompletableFuture<Long> f : futures) {
        f.get();
      }
      List<Record> kept = readAll(spool, Lane.PRIORITY, 1);
      assertThat(spool.bytes()).isLessThanOrEqualTo(48 << 10);
      assertThat(SpoolRecords.number(kept.get(kept.size() - 1))).isEqualTo(1_999);
      assertThat(spool.takeDrops().alarms()).isEqualTo(2_000 - kept.size());
    }
  }

  @Test
  void append_afterClose_isRefused() throws Exception {
    Spool spool = Spool.open(config(), new Metrics());
    spool.close();
    assertThatThrownBy(() -> spool.append(SpoolRecords.telemetry("d", 1)).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SpoolRejectedException.class);
  }

  @Test
  void close_withQueuedAppends_completesThemAllDurably() throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (Spool spool = Spool.open(config(), new Metrics())) {
      for (int i = 0; i < 20_000; i++) {
        futures.add(spool.append(SpoolRecords.telemetry("d", i)));
      }
    }
    for (CompletableFuture<Long> f : futures) {
      assertThat(f).isCompleted();
      assertThat(f.isCompletedExceptionally()).isFalse();
    }
    try (Spool spool = Spool.open(config(), new Metrics())) {
      assertThat(readAll(spool, Lane.BULK, 1)).hasSize(20_000);
    }
  }

  private List<Path> laneFiles(String lane) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve(lane))) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }
}
