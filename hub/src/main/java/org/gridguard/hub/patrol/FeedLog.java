package org.gridguard.hub.patrol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox writer: appends feed rows in the caller's transaction ({@link FeedReader} reads
 * them). Each user's rows must become visible in sequence order — a reader must never see seq
 * n+1 committed while n is still to come — so the per-user head row is incremented in the
 * writing transaction, and writers for one user queue on that row's lock and commit in sequence
 * order.
 *
 * <p>To hold that lock for as short as possible, a row is inserted at once with a
 * <em>provisional</em> negative sequence (unique, from {@code patrol_feed_provisional}; readers
 * ask for {@code seq > n >= 0}, so nobody reads it), and the transaction's provisional rows get
 * their real sequences just before it commits: per user (in name order, so two transactions
 * cannot deadlock on heads) one head increment by the number of rows, one batch renumbering,
 * one NOTIFY. The head is then locked from the end of the transaction to its commit, not from a
 * P1 dispatch in the middle of a group of many gateways' alarms to its commit — which made every
 * transaction dispatching to the same members wait for the previous one's whole length. A row
 * inserted in a savepoint that is rolled back simply is not there to be renumbered.
 */
@Repository
class FeedLog {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final FeedSignal signal;
  private final Clock clock;
  private final TransactionTemplate savepoint;
  private final String provisional;

  FeedLog(JdbcTemplate jdbc, ObjectMapper json, FeedSignal signal, Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.signal = signal;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    // a savepoint: a lost race to create the head row must not abort the caller's transaction
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.provisional = signal.postgres() ? "-nextval('patrol_feed_provisional')"
        : "-(NEXT VALUE FOR patrol_feed_provisional)";
  }

  /**
   * Appends a row for {@code username}, sequenced when the caller's transaction commits. Must run
   * in a transaction; without Spring transaction synchronisation (a bare connection) the row is
   * sequenced at once.
   */
  void append(String username, FeedRow.Kind kind, Long taskId, long incidentId,
      FeedPayload payload) {
    String text;
    try {
      text = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("feed payload not serialisable", e);
    }
    Timestamp now = Timestamp.from(clock.instant());
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      long seq = nextSeqs(username, 1);
      jdbc.update("INSERT INTO patrol_feed (username, seq, at, kind, task_id, incident_id, "
          + "payload) VALUES (?, ?, ?, ?, ?, ?, ?)", username, seq, now, kind.name(), taskId,
          incidentId, text);
      signal.changed(username);
      return;
    }
    jdbc.update("INSERT INTO patrol_feed (username, seq, at, kind, task_id, incident_id, payload) "
        + "VALUES (?, " + provisional + ", ?, ?, ?, ?, ?)", username, now, kind.name(), taskId,
        incidentId, text);
    pending().users.add(username);
  }

  /**
   * The transaction's users with provisional rows; sequenced before its commit. Found among the
   * transaction's synchronisations (not bound as a resource), so a suspended outer transaction's
   * list is never the one a REQUIRES_NEW inner transaction adds to.
   */
  private Pending pending() {
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      if (s instanceof Pending p && p.owner() == this) {
        return p;
      }
    }
    Pending p = new Pending();
    TransactionSynchronizationManager.registerSynchronization(p);
    return p;
  }

  private final class Pending implements TransactionSynchronization {
    /** Name order: heads are locked in this order by every transaction. */
    final Set<String> users = new TreeSet<>();
    final List<String> sequenced = new ArrayList<>();

    FeedLog owner() {
      return FeedLog.this;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      for (String user : users) {
        if (sequence(user)) {
          sequenced.add(user);
        }
      }
      signal.notifyOthers(sequenced); // one NOTIFY for all of them
    }

    @Override
    public void afterCommit() {
      sequenced.forEach(signal::wakeHere);
    }
  }

  /** Gives {@code user}'s provisional rows of this transaction their sequences, in order. */
  private boolean sequence(String user) {
    // provisional values only ever grow more negative: the oldest row has the largest value
    List<Long> rows = jdbc.queryForList("SELECT seq FROM patrol_feed WHERE username = ? AND "
        + "seq < 0 ORDER BY seq DESC", Long.class, user);
    if (rows.isEmpty()) {
      return false; // inserted in a savepoint that was rolled back
    }
    long last = nextSeqs(user, rows.size());
    long first = last - rows.size() + 1;
    List<Object[]> args = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      args.add(new Object[] {first + i, user, rows.get(i)});
    }
    jdbc.batchUpdate("UPDATE patrol_feed SET seq = ? WHERE username = ? AND seq = ?", args);
    return true;
  }

  /** Moves {@code username}'s head on by {@code n}; returns the new head (the last seq taken). */
  private long nextSeqs(String username, int n) {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (signal.postgres()) {
        List<Long> seq = jdbc.queryForList("UPDATE patrol_feed_head SET seq = seq + ? WHERE "
            + "username = ? RETURNING seq", Long.class, n, username);
        if (!seq.isEmpty()) {
          return seq.get(0);
        }
      } else if (jdbc.update("UPDATE patrol_feed_head SET seq = seq + ? WHERE username = ?", n,
          username) == 1) {
        return jdbc.queryForObject("SELECT seq FROM patrol_feed_head WHERE username = ?",
            Long.class, username);
      }
      try {
        savepoint.executeWithoutResult(s -> jdbc.update(
            "INSERT INTO patrol_feed_head (username, seq) VALUES (?, ?)", username, n));
        return n;
      } catch (DuplicateKeyException e) {
        // another transaction created it first: increment theirs
      }
    }
    throw new IllegalStateException("feed head of " + username + " could not be created");
  }
}
