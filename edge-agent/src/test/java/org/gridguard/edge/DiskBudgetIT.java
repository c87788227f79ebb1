package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.SpoolReport;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 4: while the hub is down the spool outgrows its disk budget. The oldest telemetry
 * is dropped, every alarm is kept, and the hub learns through SpoolReport records exactly how
 * much telemetry was dropped (reported + stored = produced).
 */
@ExtendWith(NettyLeakCheck.class)
class DiskBudgetIT {
  private static final int RECORDS = 60_000;
  private static final int ALARM_EVERY = 100;
  @TempDir Path dir;

  @Test
  void budgetExhausted_oldestTelemetryDroppedAlarmsKeptDropsReported() throws Exception {
    TestHub hub = new TestHub().start();
    hub.stop();
    var config = AgentConfigLoader.parse("""
        gateway: {id: gw-budget, credential: x}
        hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
        spool: {directory: %s, segment_size: 64KiB, disk_budget: 1MiB, hard_cap: 4MiB,
                report_interval: 1s}
        uplink: {backoff_base: 100ms, backoff_max: 500ms}
        simulator: {records: %d, rate_per_second: 30000, alarm_every: %d}
        metrics_log_interval: 1h
        """.formatted(hub.port(), dir.resolve("spool"), RECORDS, ALARM_EVERY), "budget.yml");
    try (Agent agent = Agent.start(config); hub) {
      long alarms = RECORDS / ALARM_EVERY;
      long telemetry = RECORDS - alarms;
      assertThat(TestHub.await(Duration.ofSeconds(60), () ->
          agent.spool().durableSequence(Lane.PRIORITY) >= alarms
              && agent.metrics().counterValue("spool.appends")
                  + agent.metrics().counterValue("spool.dropped.telemetry") >= RECORDS))
          .isTrue();
      // not a wait: a window of one more periodic report (report_interval 1s) while the hub is
      // still down, in which the spool must not outgrow its budget (checked after it)
      Thread.sleep(1_500);
      assertThat(agent.spool().bytes()).isLessThanOrEqualTo(1 << 20);
      hub.start();
      assertThat(TestHub.await(Duration.ofSeconds(60), () ->
          agent.spool().acknowledged(Lane.BULK) == agent.spool().durableSequence(Lane.BULK)
              && agent.spool().acknowledged(Lane.PRIORITY)
                  == agent.spool().durableSequence(Lane.PRIORITY))).isTrue();

      List<Record> priority = hub.stored(Lane.PRIORITY);
      assertThat(priority.stream().filter(Record::hasAlarm).count()).isEqualTo(alarms);
      List<SpoolReport> reports = priority.stream().filter(Record::hasSpoolReport)
          .map(Record::getSpoolReport).toList();
      long reportedTelemetry = reports.stream().mapToLong(SpoolReport::getDroppedTelemetry).sum();
      List<Record> bulk = hub.stored(Lane.BULK);
      assertThat(bulk.size()).isLessThan((int) telemetry / 2);
      assertThat(reportedTelemetry).isPositive();
      assertThat(bulk.size() + reportedTelemetry).as("stored + reported dropped")
          .isEqualTo(telemetry);
      assertThat(reports.stream().mapToLong(SpoolReport::getDroppedAlarms).sum()).isZero();
      assertThat(reports).allSatisfy(r -> assertThat(r.getSpoolBudgetBytes()).isEqualTo(1 << 20));
      // What survived is the newest telemetry, up to the very last record.
      assertThat(SimulatedRecords.of(bulk.get(bulk.size() - 1)).n()).isEqualTo(RECORDS - 1);
    }
  }
}
