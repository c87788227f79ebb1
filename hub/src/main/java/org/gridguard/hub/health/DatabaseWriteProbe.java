package org.gridguard.hub.health;

import org.gridguard.hub.schedule.PeriodicTask;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one row ({@code db_write_probe}, V7) every {@code interval} and tells
 * {@link DatabaseWriteHealth} how it went, so health follows the database's ability to write,
 * not only to answer a query. On H2 the write is followed by {@code CHECKPOINT}: H2 acknowledges
 * a commit before its store reaches the file, so without it a full disk would show only on the
 * next write. While writes fail it probes every second. One thread of its own ({@link PeriodicTask}).
 */
final class DatabaseWriteProbe extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(DatabaseWriteProbe.class);
  private static final Duration FAILING_INTERVAL = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final DatabaseWriteHealth health;
  private final HealthProperties config;
  private volatile Boolean h2;
  private volatile Instant failingSince;

  DatabaseWriteProbe(DataSource dataSource, DatabaseWriteHealth health, HealthProperties config) {
    super("gg-db-probe", Duration.ZERO);
    this.dataSource = dataSource;
    this.health = health;
    this.config = config;
  }

  /** One probe now (on the caller's thread); also what the schedule runs. */
  boolean probe() {
    try (Connection c = dataSource.getConnection()) {
      if (h2 == null) {
        DatabaseMetaData meta = c.getMetaData();
        health.database(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        h2 = meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
      }
      try (Statement st = c.createStatement()) {
        st.setQueryTimeout((int) config.dbProbeTimeout().toSeconds());
        if (st.executeUpdate("UPDATE db_write_probe SET written_at = CURRENT_TIMESTAMP "
            + "WHERE id = 1") == 0) {
          st.executeUpdate("INSERT INTO db_write_probe (id, written_at) "
              + "VALUES (1, CURRENT_TIMESTAMP)");
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
        if (h2) {
          st.execute("CHECKPOINT");
        }
      }
      health.succeeded();
      Instant since = failingSince;
      if (since != null) {
        failingSince = null;
        log.info("database writes succeed again (they failed from {})", since);
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      health.failed(e);
      if (failingSince == null) {
        failingSince = Instant.now();
        log.warn("database write probe failed; db health is DOWN until a write succeeds: {}",
            DatabaseWriteHealth.describe(e));
      }
      return false;
    }
  }

  @Override
  protected Duration runOnce() {
    return probe() ? config.dbProbeInterval() : FAILING_INTERVAL;
  }
}
