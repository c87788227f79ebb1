package org.gridguard.hub.patrol;

import org.gridguard.hub.schedule.PostgresListen;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Says "user X has new feed rows" once the transaction that wrote them commits: to this
 * instance's streams directly, and on PostgreSQL to every instance by {@code NOTIFY} (sent in the
 * transaction, so PostgreSQL delivers it only on commit, and never for a rollback). The payload
 * is only the username; the rows themselves are read from the outbox.
 */
@Component
class FeedSignal {
  static final String CHANNEL = "gridguard_patrol_feed";

  private final JdbcTemplate jdbc;
  private final FeedStreams streams;
  private final boolean postgres;

  FeedSignal(JdbcTemplate jdbc, FeedStreams streams) {
    this.jdbc = jdbc;
    this.streams = streams;
    this.postgres = PostgresListen.isPostgres(jdbc);
  }

  boolean postgres() {
    return postgres;
  }

  void changed(String username) {
    notifyOthers(username);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          streams.wake(username);
        }
      });
    } else {
      streams.wake(username);
    }
  }

  /** The other instances' part of {@link #changed}: NOTIFY, delivered on commit (PostgreSQL). */
  void notifyOthers(String username) {
    if (postgres) {
      PostgresListen.notify(jdbc, CHANNEL, username);
    }
  }

  /** This instance's part of {@link #changed}: wake the user's streams here (after commit). */
  void wakeHere(String username) {
    streams.wake(username);
  }
}
