package org.gridguard.hub.health;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, JDBC batches of INSERTs (alarm history, uplink records, incident events, audit
 * lines of one PRIORITY group) are sent as multi-row INSERTs ({@code reWriteBatchedInserts}):
 * one statement for the server to parse, plan and execute instead of one per row. Measured in
 * the incident benchmark, where one history row per alarm record was the second most expensive
 * statement. Batched INSERTs then report {@code SUCCESS_NO_INFO} instead of row counts; the
 * hub checks counts only of batched UPDATEs. A URL or pool property that sets it already wins.
 */
final class PostgresBatchedInserts {
  static final String PROPERTY = "reWriteBatchedInserts";

  private PostgresBatchedInserts() {}

  static void apply(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:") || url.contains(PROPERTY)
        || pool.getDataSourceProperties().containsKey(PROPERTY)) {
      return;
    }
    pool.addDataSourceProperty(PROPERTY, "true");
    LoggerFactory.getLogger(PostgresBatchedInserts.class).info("PostgreSQL: {}=true set on the "
        + "connection pool (batched inserts as multi-row statements)", PROPERTY);
  }
}
