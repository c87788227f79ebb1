package org.gridguard.hub.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
 * Keeps device health history bounded: every {@code gridguard.device-health.retention-interval}
 * deletes {@code health_transition} rows and CLOSED {@code maintenance_order} rows (nothing
 * depends on either) older than {@code gridguard.device-health.retention}. The current health
 * ({@code health_state}) and open orders are never touched. Ids are selected first and deleted
 * {@code retention-chunk} at a time in short transactions, at most {@code retention-max-per-run}
 * per table and run (the next run, due within a minute then, continues) — as
 * {@code alarm/AlarmRetention}.
 */
@Component
class HealthRetention extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(HealthRetention.class);

  private final ChunkedPurge purge;
  private final DeviceHealthProperties config;
  private final Clock clock;
  private final MeterRegistry meters;

  HealthRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      DeviceHealthProperties config, Clock clock, MeterRegistry meters) {
    super("device-health-retention", config.retentionInterval());
    this.purge = new ChunkedPurge(jdbc, transactions, config.retentionChunk(),
        config.retentionMaxPerRun());
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    counter("health_transition");
    counter("maintenance_order");
  }

  @Override
  protected Duration runOnce() {
    return ChunkedPurge.next(purge(), config.retentionInterval());
  }

  /** One run: everything past the retention, up to the per-run cap of each table. */
  Purged purge() {
    Timestamp cutoff = Timestamp.from(clock.instant().minus(config.retention()));
    Map<String, Integer> deleted = new TreeMap<>();
    boolean more = chunked("health_transition", "SELECT id FROM health_transition WHERE at < ? "
        + "ORDER BY id LIMIT ?", "DELETE FROM health_transition WHERE id IN ", cutoff, deleted);
    // the state again in the delete: a closed order is never reopened, but be exact
    more |= chunked("maintenance_order", "SELECT id FROM maintenance_order WHERE state = "
        + "'CLOSED' AND closed_at < ? ORDER BY id LIMIT ?", "DELETE FROM maintenance_order WHERE "
        + "state = 'CLOSED' AND id IN ", cutoff, deleted);
    deleted.forEach((table, n) -> counter(table).increment(n));
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      log.info("device health retention: deleted {} (older than {}){}", deleted,
          config.retention(), more ? "; more next run" : "");
    }
    return new Purged(deleted, more);
  }

  /** Deletes {@code table}'s rows selected by {@code select}, counting them. */
  private boolean chunked(String table, String select, String delete, Timestamp cutoff,
      Map<String, Integer> deleted) {
    return purge.run(select, new Object[] {cutoff}, ids -> {
      int n = purge.deleteIn(delete, new Object[0], ids);
      return Map.of(table, n);
    }, deleted);
  }

  private Counter counter(String table) {
    return Counter.builder("gridguard_device_retention_deleted_total")
        .description("rows deleted by the device health retention, per table")
        .tag("table", table).register(meters);
  }
}
