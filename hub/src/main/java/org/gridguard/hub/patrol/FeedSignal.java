package org.gridguard.hub.patrol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.gridguard.hub.schedule.PostgresListen;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Says "user X has new feed rows" once the transaction that wrote them commits: to this
 * instance's streams directly, and on PostgreSQL to every instance by {@code NOTIFY} (sent in the
 * transaction, so PostgreSQL delivers it only on commit, and never for a rollback). The payload
 * is only the usernames (one NOTIFY per transaction); the rows themselves are read from the
 * outbox.
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
    notifyOthers(List.of(username));
  }

  /**
   * One NOTIFY for several users (a P1 dispatch tells every on-duty member): the payload is their
   * names separated by spaces, which no username holds ({@code UserAccount.USERNAME}), in chunks
   * under PostgreSQL's 8,000-byte payload limit.
   */
  void notifyOthers(Collection<String> usernames) {
    if (postgres) {
      payloads(usernames, PAYLOAD_CHARS).forEach(p -> PostgresListen.notify(jdbc, CHANNEL, p));
    }
  }

  /** {@code usernames} joined by spaces, in payloads of at most {@code max} characters. */
  static List<String> payloads(Collection<String> usernames, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (String u : usernames) {
      if (chunk.length() > 0 && chunk.length() + 1 + u.length() > max) {
        out.add(chunk.toString());
        chunk.setLength(0);
      }
      chunk.append(chunk.length() > 0 ? " " : "").append(u);
    }
    if (chunk.length() > 0) {
      out.add(chunk.toString());
    }
    return out;
  }

  /** The users a NOTIFY payload names (see {@link #notifyOthers(Collection)}). */
  static String[] usersOf(String payload) {
    return payload.split(" ");
  }

  /** Usernames are ASCII: characters are bytes here, well under the 8,000-byte limit. */
  private static final int PAYLOAD_CHARS = 7_000;

  /** This instance's part of {@link #changed}: wake the user's streams here (after commit). */
  void wakeHere(String username) {
    streams.wake(username);
  }
}
