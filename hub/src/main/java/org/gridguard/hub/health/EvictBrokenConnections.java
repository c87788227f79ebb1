package org.gridguard.hub.health;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells the connection pool to drop a connection whose database is gone, and reports such
 * failures to {@link DatabaseWriteHealth}.
 *
 * <p>Why: when H2 cannot write its file (ENOSPC), its store panics and the database closes;
 * every pooled connection then fails with {@code 90098 The database has been closed} but still
 * answers {@code isValid()} with true, and HikariCP evicts only on SQL states 08xxx and a few
 * vendor codes. The pool therefore kept its ten dead connections for ever and the hub rejected
 * every Hello with "database unavailable" until restarted, although the disk had room again.
 * Evicting them makes the next connection reopen the database from its file.
 */
public final class EvictBrokenConnections implements SQLExceptionOverride {
  /**
   * H2: 90098 database closed (after a store panic), 90121 database closed at shutdown, 90028
   * and 90031 I/O errors. PostgreSQL: 53100 disk full, 53200 out of memory, 58030 I/O error,
   * 57P01-57P03 server shut down or starting.
   */
  static final Set<String> BROKEN_STATES = Set.of("90098", "90121", "90028", "90031",
      "53100", "53200", "58030", "57P01", "57P02", "57P03");

  private final Consumer<SQLException> broken;

  /** @param broken told of every failure that evicts (must not block) */
  public EvictBrokenConnections(Consumer<SQLException> broken) {
    this.broken = broken;
  }

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (BROKEN_STATES.contains(state) || state.startsWith("08"))
        || e instanceof SQLNonTransientConnectionException) {
      broken.accept(e);
      return Override.MUST_EVICT;
    }
    return Override.CONTINUE_EVICT;
  }
}
