package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 2: the agent (a real JVM from the shaded jar) is killed with SIGKILL ten times
 * while its simulator source streams records into the spool. Every record whose spool future
 * completed (written to the ack log only then) must reach the hub, stored once, at exactly the
 * lane and sequence the spool gave it — so a sequence is never reused for other data after a
 * crash. Between kills the hub sometimes holds back its acks, so crashes also happen with an
 * unacknowledged backlog that must be resent.
 */
class AgentKillIT {
  private static final int KILLS = Integer.getInteger("fault.kills", 10);
  @TempDir Path dir;

  @Test
  void kill9_tenTimesDuringAStream_everyAcknowledgedRecordReachesTheHubOnce() throws Exception {
    Random random = new Random(42);
    Path acks = dir.resolve("acks.log");
    Path log = dir.resolve("agent.log");
    try (TestHub hub = new TestHub().start()) {
      Path config = Files.writeString(dir.resolve("agent.yml"), """
          gateway: {id: gw-kill, credential: x}
          hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
          spool: {directory: %s, segment_size: 256KiB, fsync_interval: 20ms}
          uplink: {backoff_base: 50ms, backoff_max: 500ms}
          simulator:
            records: 1000000
            rate_per_second: 4000
            devices: 5
            alarm_every: 50
            ack_log: %s
          metrics_log_interval: 1h
          """.formatted(hub.port(), dir.resolve("spool"), acks));
      for (int i = 0; i < KILLS; i++) {
        hub.acking(i % 3 != 1);
        try (AgentProcess agent = AgentProcess.start(config, log)) {
          awaitBoots(acks, i + 1);
          Thread.sleep(200 + random.nextInt(1_000)); // kill in the middle of the stream
          assertThat(agent.alive()).as("agent alive before kill %d:%n%s", i,
              AgentProcess.tail(log, 30)).isTrue();
          agent.kill9();
        }
      }
      hub.acking(true);
      List<SimulatedRecords.Acked> claims;
      try (AgentProcess agent = AgentProcess.start(config, log)) {
        awaitBoots(acks, KILLS + 1);
        // The final run goes on producing; everything claimed so far must arrive.
        claims = SimulatedRecords.readAckLog(acks);
        Set<SimulatedRecords> wanted = new HashSet<>();
        claims.forEach(c -> wanted.add(c.id()));
        boolean all = true;
        try {
          TestHub.await(Duration.ofSeconds(60), () -> stored(hub).keySet().containsAll(wanted));
        } catch (ConditionTimeoutException e) {
          all = false; // fails just below, listing what is missing
        }
        if (!all) {
          Map<SimulatedRecords, Record> have = stored(hub);
          List<String> missing = claims.stream().filter(c -> !have.containsKey(c.id()))
              .limit(10).map(c -> c + " hub has at that sequence: " + hub.stored(c.lane())
                  .stream().filter(r -> r.getSequence() == c.sequence()).findFirst()
                  .map(r -> SimulatedRecords.of(r).toString()).orElse("nothing"))
              .toList();
          throw new AssertionError("acknowledged records missing at the hub (committed P="
              + hub.committed(hub.streams().get(0), Lane.PRIORITY) + " B="
              + hub.committed(hub.streams().get(0), Lane.BULK) + "):\n  "
              + String.join("\n  ", missing) + "\nagent log:\n" + Files.readString(log));
        }
        assertThat(agent.terminate(30)).as("exit code after SIGTERM").isIn(0, 143);
      }
      assertThat(claims.size()).as("records acknowledged over 11 runs").isGreaterThan(10_000);
      assertThat(claims.stream().map(c -> c.id().boot()).distinct().count())
          .isEqualTo(KILLS + 1);

      Map<SimulatedRecords, Record> stored = stored(hub);
      for (SimulatedRecords.Acked claim : claims) {
        Record r = stored.get(claim.id());
        assertThat(r).as("record %s", claim).isNotNull();
        assertThat(r.getSequence()).as("sequence of %s", claim).isEqualTo(claim.sequence());
        assertThat(r.hasAlarm() ? Lane.PRIORITY : Lane.BULK).isEqualTo(claim.lane());
      }
      assertThat(hub.streams()).hasSize(1);
      assertThat(hub.outOfOrder()).isZero();
      assertThat(hub.overCredit()).isZero();
      assertThat(Files.readString(log)).doesNotContain("ERROR");
    }
  }

  /** Waits until this many boots have written to the ack log (the stream is running). */
  private static void awaitBoots(Path acks, int boots) throws InterruptedException {
    boolean ok = TestHub.await(Duration.ofSeconds(60), () -> {
      try {
        return Files.exists(acks) && SimulatedRecords.readAckLog(acks).stream()
            .map(c -> c.id().boot()).distinct().count() >= boots;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    assertThat(ok).as("agent run %d streaming within 60 s", boots).isTrue();
  }

  /** Every stored record by identity; fails on a record stored twice. */
  static Map<SimulatedRecords, Record> stored(TestHub hub) {
    Map<SimulatedRecords, Record> out = new HashMap<>();
    for (Lane lane : List.of(Lane.PRIORITY, Lane.BULK)) {
      for (Record r : hub.stored(lane)) {
        if (r.hasSpoolReport()) {
          continue;
        }
        Record before = out.put(SimulatedRecords.of(r), r);
        if (before != null) {
          throw new AssertionError("stored twice: " + SimulatedRecords.of(r) + " at sequences "
              + before.getSequence() + " and " + r.getSequence());
        }
      }
    }
    return out;
  }
}
