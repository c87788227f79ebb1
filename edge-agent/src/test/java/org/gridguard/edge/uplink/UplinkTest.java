package org.gridguard.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.spool.SpoolRecords;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NettyLeakCheck.class)
class UplinkTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  private final TestHub hub = new TestHub();
  private Spool spool;
  private Uplink uplink;

  @AfterEach
  void tearDown() {
    if (uplink != null) {
      uplink.close();
    }
    if (spool != null) {
      spool.close();
    }
    hub.close();
    assertThat(hub.outOfOrder()).as("items out of order within a session").isZero();
    assertThat(hub.overCredit()).as("items sent without credit").isZero();
  }

  private void startEdge() throws Exception {
    spool = Spool.open(SpoolConfig.defaults(dir).withSegmentBytes(256 << 10)
        .withBudget(64L << 20, 128L << 20), new Metrics());
    uplink = new Uplink(new GatewayConfig("gw-1", "secret"),
        new HubAddress("127.0.0.1", hub.port(), null),
        UplinkConfig.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
        spool, Uplink.newBootId(), "test", spool.metrics());
    uplink.start();
  }

  private void append(int from, int count) throws Exception {
    List<CompletableFuture<Long>> fs = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      fs.add(spool.append(SpoolRecords.telemetry("dev-" + (i % 7), i)));
    }
    for (CompletableFuture<Long> f : fs) {
      f.get();
    }
  }

  @Test
  void start_backlogInBothLanes_everythingStoredInOrderAndCursorsAdvance() throws Exception {
    hub.start();
    startEdge();
    append(0, 20_000);
    spool.append(SpoolRecords.alarm("door-1", 1)).get();
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() == 20_000
        && hub.stored(Lane.PRIORITY).size() == 1)).isTrue();
    List<Record> bulk = hub.stored(Lane.BULK);
    for (int i = 0; i < bulk.size(); i++) {
      assertThat(bulk.get(i).getSequence()).isEqualTo(i + 1);
      assertThat(SpoolRecords.number(bulk.get(i))).isEqualTo(i);
    }
    assertThat(TestHub.await(WAIT, () -> spool.acknowledged(Lane.BULK) == 20_000)).isTrue();
    assertThat(hub.streams()).containsExactly(spool.streamId().toString());
  }

  @Test
  void reconnect_hubRestartedWithUnackedItems_resendsAndStoresEachOnce() throws Exception {
    hub.start();
    hub.acking(false);
    startEdge();
    append(0, 3_000);
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() == 3_000)).isTrue();
    assertThat(spool.acknowledged(Lane.BULK)).isZero();
    hub.stop();
    append(3_000, 2_000);
    hub.start();
    hub.acking(true);
    assertThat(TestHub.await(WAIT, () -> spool.acknowledged(Lane.BULK) == 5_000)).isTrue();
    List<Record> bulk = hub.stored(Lane.BULK);
    assertThat(bulk).hasSize(5_000);
    assertThat(bulk).extracting(SpoolRecords::number).doesNotHaveDuplicates();
    assertThat(hub.hellos()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void pump_creditExhausted_waitsForCredit() throws Exception {
    hub.initialCredit(100);
    hub.acking(false);
    hub.start();
    startEdge();
    append(0, 1_000);
    // all the credit but the PRIORITY reserve (100 / 8 = 12), and no more while none comes back
    await("88 telemetry records, then no more").atMost(WAIT).during(Duration.ofMillis(300))
        .until(() -> hub.stored(Lane.BULK).size() == 88);
    hub.acking(true);
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() == 1_000)).isTrue();
  }

  @Test
  void pump_telemetryUnackedAndCreditSpent_alarmGoesOutOfTheReserve() throws Exception {
    hub.initialCredit(100);
    hub.acking(false); // like a hub whose InfluxDB is down: telemetry never acked, no credit back
    hub.start();
    startEdge();
    append(0, 1_000);
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() == 88)).isTrue();
    spool.append(SpoolRecords.alarm("door-1", 99)).get();
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.PRIORITY).size() == 1)).isTrue();
    await("the reserve is not spent on telemetry").atMost(WAIT).during(Duration.ofMillis(300))
        .until(() -> hub.stored(Lane.BULK).size() == 88);
  }

  @Test
  void priorityReserve_initialCredit_eighthCappedAt256() {
    assertThat(UplinkSession.priorityReserve(4096)).isEqualTo(256);
    assertThat(UplinkSession.priorityReserve(100)).isEqualTo(12);
    assertThat(UplinkSession.priorityReserve(5)).isEqualTo(1);
    assertThat(UplinkSession.priorityReserve(1)).isZero(); // one credit: nothing to reserve
  }

  @Test
  void pump_alarmDuringLargeBulkBacklog_overtakesTheBacklog() throws Exception {
    hub.start();
    hub.acking(false);
    startEdge();
    append(0, 60_000);
    hub.acking(true);
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() > 2_000)).isTrue();
    spool.append(SpoolRecords.alarm("door-1", 99)).get();
    int bulkWhenSpooled = hub.stored(Lane.BULK).size();
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.PRIORITY).size() == 1)).isTrue();
    int bulkWhenArrived = hub.stored(Lane.BULK).size();
    // One batch (1,000) plus what was already in socket buffers, far from the 60,000 backlog.
    assertThat(bulkWhenArrived - bulkWhenSpooled).isLessThan(20_000);
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() == 60_000)).isTrue();
  }

  @Test
  void connect_rejectedWithRetryAfter_waitsThatLongBeforeTheNextAttempt() throws Exception {
    hub.start();
    hub.rejectNext(RejectReason.OVERLOADED, 1_500);
    long start = System.nanoTime();
    startEdge();
    append(0, 10);
    assertThat(TestHub.await(WAIT, () -> hub.stored(Lane.BULK).size() == 10)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_400));
    assertThat(hub.hellos()).isEqualTo(2);
  }

  @Test
  void start_hubDownAtFirst_connectsOnceItComesUp() throws Exception {
    hub.start();
    hub.stop();
    startEdge();
    append(0, 100);
    Thread.sleep(300); // not a wait: the edge's attempts fail while the hub is down, none acks
    assertThat(spool.acknowledged(Lane.BULK)).isZero();
    hub.start();
    assertThat(TestHub.await(WAIT, () -> spool.acknowledged(Lane.BULK) == 100)).isTrue();
  }
}
