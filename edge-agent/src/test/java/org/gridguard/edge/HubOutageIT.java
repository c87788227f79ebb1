package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 1: the hub goes away for {@code fault.outage} (default 60 s; the 5 minutes
 * with {@code -Dfault.outage=300}) while {@code fault.records} (default 100,000) records are
 * produced. Before the outage the hub holds back its acks, so some records are stored but not
 * acknowledged when it dies (the edge's cursor is still 0): after it returns, the edge must take
 * the hub's committed sequences as authoritative. Every record must be stored exactly once, in
 * production order per device and lane.
 */
@ExtendWith(NettyLeakCheck.class)
class HubOutageIT {
  private static final long OUTAGE_S = Long.getLong("fault.outage", 60);
  private static final int RECORDS = Integer.getInteger("fault.records", 100_000);
  @TempDir Path dir;

  @Test
  void hubDown_recordsProducedMeanwhile_allArriveOnceInOrderAfterItReturns() throws Exception {
    try (TestHub hub = new TestHub().start()) {
      hub.acking(false);
      double rate = RECORDS / (OUTAGE_S * 0.8);
      var config = AgentConfigLoader.parse("""
          gateway: {id: gw-outage, credential: x}
          hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
          spool: {directory: %s}
          uplink: {backoff_base: 100ms, backoff_max: 2s}
          simulator: {records: %d, rate_per_second: %f, devices: 20, alarm_every: 100}
          metrics_log_interval: 10s
          """.formatted(hub.port(), dir.resolve("spool"), RECORDS, rate), "outage.yml");
      try (Agent agent = Agent.start(config)) {
        assertThat(TestHub.await(Duration.ofSeconds(30),
            () -> hub.stored(Lane.BULK).size() > 500)).isTrue();
        hub.stop(); // stored, never acknowledged: these will be resent
        long outageStart = System.nanoTime();
        Thread.sleep(OUTAGE_S * 1000); // the outage itself; nothing may be acked in it (below)
        assertThat(agent.spool().acknowledged(Lane.BULK)).isZero();
        hub.start();
        hub.acking(true);
        boolean all = TestHub.await(Duration.ofSeconds(120), () ->
            hub.stored(Lane.BULK).size() + hub.stored(Lane.PRIORITY).stream()
                .filter(Record::hasAlarm).count() == RECORDS);
        assertThat(all).as("all %d records stored, have %d telemetry", RECORDS,
            hub.stored(Lane.BULK).size()).isTrue();
        System.out.printf("hub outage of %d s with %d records: all stored %d s after the "
            + "outage began; %d replays recognised%n", OUTAGE_S, RECORDS,
            Duration.ofNanos(System.nanoTime() - outageStart).toSeconds(), hub.replays());
        assertThat(TestHub.await(Duration.ofSeconds(30), () ->
            agent.spool().acknowledged(Lane.BULK) == agent.spool().durableSequence(Lane.BULK)))
            .isTrue();
      }
      Map<SimulatedRecords, Record> stored = AgentKillIT.stored(hub); // fails on duplicates
      assertThat(stored).hasSize(RECORDS);
      for (Lane lane : List.of(Lane.PRIORITY, Lane.BULK)) {
        Map<String, Long> lastPerDevice = new HashMap<>();
        for (Record r : hub.stored(lane)) {
          if (r.hasSpoolReport()) {
            continue;
          }
          long n = SimulatedRecords.of(r).n();
          Long before = lastPerDevice.put(r.getDeviceId(), n);
          assertThat(before == null || before < n)
              .as("%s: device %s record %d after %d", lane, r.getDeviceId(), n, before).isTrue();
        }
      }
      assertThat(hub.outOfOrder()).isZero();
      assertThat(hub.overCredit()).isZero();
    }
  }
}
