package org.gridguard.hub.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
  static final Duration CATCH_UP = Duration.ofMinutes(1);

  /** What one run deleted per table, and whether a cap stopped it before the end. */
  record Purged(Map<String, Integer> deleted, boolean more) {
    Purged {
      deleted = Collections.unmodifiableMap(new TreeMap<>(deleted));
    }

    int of(String table) {
      return deleted.getOrDefault(table, 0);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final DeviceHealthProperties config;
  private final Clock clock;
  private final MeterRegistry meters;

  HealthRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      DeviceHealthProperties config, Clock clock, MeterRegistry meters) {
    super("device-health-retention", config.retentionInterval());
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    counter("health_transition");
    counter("maintenance_order");
  }

  @Override
  protected Duration runOnce() {
    Purged p = purge();
    return p.more() && CATCH_UP.compareTo(config.retentionInterval()) < 0 ? CATCH_UP
        : config.retentionInterval();
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
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      log.info("device health retention: deleted {} (older than {}){}", deleted,
          config.retention(), more ? "; more next run" : "");
    }
    return new Purged(deleted, more);
  }

  private boolean chunked(String table, String select, String delete, Timestamp cutoff,
      Map<String, Integer> deleted) {
    int done = 0;
    while (done < config.retentionMaxPerRun()) {
      int want = Math.min(config.retentionChunk(), config.retentionMaxPerRun() - done);
      List<Long> ids = jdbc.queryForList(select, Long.class, cutoff, want);
      if (ids.isEmpty()) {
        return false;
      }
      String sql = delete + "(" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
      Integer n = tx.execute(status -> jdbc.update(sql, ids.toArray()));
      deleted.merge(table, n, Integer::sum);
      counter(table).increment(n);
      done += ids.size();
      if (ids.size() < want) {
        return false;
      }
    }
    return true;
  }

  private Counter counter(String table) {
    return Counter.builder("gridguard_device_retention_deleted_total")
        .description("rows deleted by the device health retention, per table")
        .tag("table", table).register(meters);
  }
}
