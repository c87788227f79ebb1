package org.gridguard.hub.alarm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridguard.hub.schedule.ChunkedPurge;
import org.gridguard.hub.schedule.ChunkedPurge.Purged;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Keeps the alarm tables bounded: every {@code gridguard.alarm.retention-interval} deletes
 * cleared alarms whose last activity (last record, end, ack, false-alarm mark) is older than
 * {@code gridguard.alarm.retention} — their history, storm counts and rule hits first — and rule
 * hits and closed outages older than the same. Never an ACTIVE alarm, never one whose incident is
 * not CLOSED or VOIDED. Ids are selected first and deleted {@code retention-chunk} at a time, one
 * short transaction per chunk (no {@code DELETE … LIMIT}: H2 and PostgreSQL alike), at most
 * {@code retention-max-per-run} rows of a table per run; a run that reaches the cap has the next
 * one due within a minute, which continues.
 */
@Component
class AlarmRetention extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(AlarmRetention.class);
  /**
   * A cleared alarm (cleared rows always have end_at; index (state, end_at)) past the cut-off,
   * not held by an open incident (parameters: 4 × cut-off).
   */
  private static final String OLD_CLEARED = "a.state = 'CLEARED' AND a.end_at < ? AND "
      + "a.last_at < ? AND (a.acked_at IS NULL OR a.acked_at < ?) AND "
      + "(a.false_at IS NULL OR a.false_at < ?) AND (a.incident_id IS NULL OR EXISTS (SELECT 1 "
      + "FROM incident i WHERE i.id = a.incident_id AND i.state IN ('CLOSED', 'VOIDED')))";

  private final ChunkedPurge purge;
  private final AlarmProperties config;
  private final Clock clock;
  private final MeterRegistry meters;

  AlarmRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      AlarmProperties config, Clock clock, MeterRegistry meters) {
    super("alarm-retention", config.retentionInterval());
    this.purge = new ChunkedPurge(jdbc, transactions, config.retentionChunk(),
        config.retentionMaxPerRun());
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    for (String table : List.of("alarm", "alarm_history", "alarm_storm_count", "alarm_rule_hit",
        "alarm_outage")) {
      counter(table); // visible at 0 from the start
    }
  }

  @Override
  protected Duration runOnce() {
    return ChunkedPurge.next(purge(), config.retentionInterval());
  }

  /** One run: everything past the retention, up to the per-run cap of each table. */
  Purged purge() {
    Instant cutoff = clock.instant().minus(config.retention());
    Timestamp t = Timestamp.from(cutoff);
    Map<String, Integer> deleted = new TreeMap<>();
    boolean more = false;

    // rule hits on their own age first (they also go with their alarms below)
    more |= purge.run("SELECT id FROM alarm_rule_hit WHERE at < ? ORDER BY id "
        + "LIMIT ?", new Object[] {t}, ids -> Map.of("alarm_rule_hit",
        delete("DELETE FROM alarm_rule_hit WHERE id IN ", ids)), deleted);

    more |= purge.run("SELECT a.id FROM alarm a WHERE " + OLD_CLEARED
        + " ORDER BY a.id LIMIT ?", new Object[] {t, t, t, t}, ids -> {
          Map<String, Integer> n = new TreeMap<>();
          n.put("alarm_history", delete("DELETE FROM alarm_history WHERE alarm_id IN ", ids));
          n.put("alarm_storm_count",
              delete("DELETE FROM alarm_storm_count WHERE alarm_id IN ", ids));
          n.put("alarm_rule_hit", purge.deleteIn("DELETE FROM alarm_rule_hit WHERE alarm_id IN "
              + ChunkedPurge.marks(ids.size()) + " OR partner_id IN ", ids.toArray(), ids));
          // the condition again: an ack or mark since the select keeps the alarm
          n.put("alarm", purge.deleteIn("DELETE FROM alarm a WHERE " + OLD_CLEARED + " AND a.id IN ",
              new Object[] {t, t, t, t}, ids));
          return n;
        }, deleted);

    more |= purge.run("SELECT id FROM alarm_outage WHERE end_at IS NOT NULL AND "
        + "end_at < ? ORDER BY id LIMIT ?", new Object[] {t}, ids -> Map.of("alarm_outage",
        delete("DELETE FROM alarm_outage WHERE end_at IS NOT NULL AND id IN ", ids)),
        deleted);

    deleted.forEach((table, n) -> counter(table).increment(n));
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      log.info("alarm retention: deleted {} (older than {}){}", deleted, config.retention(),
          more ? "; more next run" : "");
    }
    return new Purged(deleted, more);
  }

  private int delete(String sql, List<Long> ids) {
    return purge.deleteIn(sql, new Object[0], ids);
  }

  private Counter counter(String table) {
    return Counter.builder("gridguard_alarm_retention_deleted_total")
        .description("rows deleted by the alarm retention, per table")
        .tag("table", table).register(meters);
  }
}
