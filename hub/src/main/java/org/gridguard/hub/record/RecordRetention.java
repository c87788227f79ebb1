package org.gridguard.hub.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code uplink_record} rows received longer ago than {@code gridguard.records.retention}
 * (30 d), every {@code purge-interval}. Rows are inserted in id order as they arrive, so each
 * statement reads the lowest {@code chunk} ids by the primary key and deletes those old enough:
 * no index on the receive time (which every record would pay for at insert), and a run with
 * nothing to delete reads one chunk. Every instance may run it: rows another instance deleted
 * are simply not found. Metric {@code gridguard_record_retention_deleted_total}.
 */
@Component
public class RecordRetention extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(RecordRetention.class);
  private static final Duration BACKLOG_RETRY = Duration.ofMinutes(1);

  /** Of the lowest {@code chunk} ids, at most {@code n} old enough. */
  private static final String DELETE_OLDEST = "DELETE FROM uplink_record WHERE id IN (SELECT "
      + "t.id FROM (SELECT id, received_at FROM uplink_record ORDER BY id LIMIT ?) t WHERE "
      + "t.received_at < ? ORDER BY t.id LIMIT ?)";

  private final JdbcTemplate jdbc;
  private final RecordRetentionProperties config;
  private final Clock clock;
  private final Counter deleted;

  RecordRetention(JdbcTemplate jdbc, RecordRetentionProperties config, Clock clock,
      MeterRegistry meters) {
    super("record-retention", config.purgeInterval());
    this.jdbc = jdbc;
    this.config = config;
    this.clock = clock;
    this.deleted = Counter.builder("gridguard.record.retention.deleted")
        .description("uplink_record rows deleted after gridguard.records.retention")
        .register(meters);
  }

  @Override
  protected Duration runOnce() {
    return purge() >= config.maxPerRun() ? BACKLOG_RETRY : config.purgeInterval();
  }

  /** One run; returns how many rows went. */
  public int purge() {
    Timestamp before = Timestamp.from(clock.instant().minus(config.retention()));
    int total = 0;
    while (total < config.maxPerRun()) {
      // autocommit: one transaction per chunk, so a run never holds a long one
      int n = jdbc.update(DELETE_OLDEST, config.chunk(), before,
          Math.min(config.chunk(), config.maxPerRun() - total));
      total += n;
      deleted.increment(n);
      if (n == 0) {
        break;
      }
    }
    if (total > 0) {
      log.info("records: deleted {} uplink record(s) received before {}", total,
          before.toInstant());
    }
    return total;
  }
}
