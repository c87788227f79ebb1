package org.gridguard.hub.patrol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox writer: appends a user's next feed row in the caller's transaction ({@link
 * FeedReader} reads them). The per-user head row is incremented ({@code SET seq = seq + 1}) first, so writers
 * for one user queue on that row lock and commit in sequence order; a reader can therefore never
 * see seq n+1 committed while n is still to come.
 */
@Repository
class FeedLog {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final FeedSignal signal;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  FeedLog(JdbcTemplate jdbc, ObjectMapper json, FeedSignal signal, Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.signal = signal;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    // a savepoint: a lost race to create the head row must not abort the caller's transaction
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Appends a row for {@code username}; returns its sequence. Must run in a transaction. */
  long append(String username, FeedRow.Kind kind, Long taskId, long incidentId,
      FeedPayload payload) {
    long seq = nextSeq(username);
    String text;
    try {
      text = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("feed payload not serialisable", e);
    }
    Instant now = clock.instant();
    jdbc.update("INSERT INTO patrol_feed (username, seq, at, kind, task_id, incident_id, payload) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", username, seq, Timestamp.from(now), kind.name(), taskId,
        incidentId, text);
    signal.changed(username);
    return seq;
  }

  private long nextSeq(String username) {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (signal.postgres()) {
        // one round trip instead of two: the dispatch of a P1 writes one row per member
        List<Long> seq = jdbc.queryForList("UPDATE patrol_feed_head SET seq = seq + 1 WHERE "
            + "username = ? RETURNING seq", Long.class, username);
        if (!seq.isEmpty()) {
          return seq.get(0);
        }
      } else if (jdbc.update("UPDATE patrol_feed_head SET seq = seq + 1 WHERE username = ?",
          username) == 1) {
        return jdbc.queryForObject("SELECT seq FROM patrol_feed_head WHERE username = ?",
            Long.class, username);
      }
      try {
        savepoint.executeWithoutResult(s -> jdbc.update(
            "INSERT INTO patrol_feed_head (username, seq) VALUES (?, 1)", username));
        return 1;
      } catch (DuplicateKeyException e) {
        // another transaction created it first: increment theirs
      }
    }
    throw new IllegalStateException("feed head of " + username + " could not be created");
  }
}
