package org.gridguard.hub.patrol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Makes a phone's action happen once however often it is sent: the phone's offline queue resends
 * an action whose answer it never saw. The action's client id (the {@code Idempotency-Key}
 * header, unique per user) is inserted first in the action's own transaction — a database
 * constraint, so it holds across hub instances — and then the action runs. A repeat finds the
 * row: if the first send committed, the repeat is answered with the task as it is now (and
 * {@code replayed}); a concurrent repeat waits on the key and then does the same. A send that
 * failed (404, 409, ...) rolled its row back, so nothing is remembered and the phone shows the
 * refusal. The same key for a different task or action is a 409 (a client bug, said plainly).
 */
@Component
class ClientActions {
  /** Letters, digits, '-' and '_', 8–64 of them (a UUID fits). */
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  static final String HEADER = "Idempotency-Key";

  /** What an action answered and whether it was a replay of one done before. */
  record Outcome(TaskView task, boolean replayed) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Counter done;
  private final Counter replayed;

  ClientActions(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.done = counter(meters, "done");
    this.replayed = counter(meters, "replayed");
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder("gridguard_patrol_client_actions_total").tag("outcome", outcome)
        .description("phone actions by client action id: done, or replayed (a repeat answered "
            + "with the task as it is)").register(meters);
  }

  /**
   * Runs {@code action} once for {@code key}.
   *
   * @param work the action (joins this transaction)
   * @param current the task as it is, for a replay
   * @throws ResponseStatusException 400 for a malformed key, 409 for a key reused for another
   *     task or action, or whatever {@code work} throws
   */
  Outcome once(HubPrincipal caller, String key, long taskId, String action,
      Supplier<TaskView> work, Supplier<TaskView> current) {
    check(key);
    try {
      TaskView view = tx.execute(s -> {
        record(caller.username(), key, taskId, action);
        return work.get();
      });
      done.increment();
      return new Outcome(view, false);
    } catch (Replay e) {
      List<Object[]> first = jdbc.query("SELECT task_id, action FROM patrol_client_action WHERE "
          + "username = ? AND action_id = ?", (rs, i) -> new Object[] {rs.getLong(1),
              rs.getString(2)}, caller.username(), key);
      if (first.isEmpty()) { // purged between the two statements: a very old key
        throw new ResponseStatusException(HttpStatus.CONFLICT, HEADER + " " + key + " is too old "
            + "to tell whether it was done; reload the task to see its state");
      }
      if ((long) first.get(0)[0] != taskId || !action.equals(first.get(0)[1])) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, HEADER + " " + key + " was already "
            + "used for '" + first.get(0)[1] + "' of task " + first.get(0)[0] + "; send each new "
            + "action with a new key");
      }
      replayed.increment();
      return new Outcome(current.get(), true);
    }
  }

  private void record(String username, String key, long taskId, String action) {
    try {
      jdbc.update("INSERT INTO patrol_client_action (username, action_id, task_id, action, at) "
          + "VALUES (?, ?, ?, ?, ?)", username, key, taskId, action,
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException e) {
      throw new Replay();
    }
  }

  static void check(String key) {
    if (key == null || key.isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, HEADER + ": required — a new id "
          + "for every action (8–64 letters, digits, '-' or '_'), the same id when resending it");
    }
    if (!KEY.matcher(key).matches()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, HEADER + ": 8–64 letters, digits, "
          + "'-' or '_', was '" + (key.length() > 80 ? key.substring(0, 80) + "…" : key) + "'");
    }
  }

  /** Deletes keys older than {@code before} (a phone offline that long reloads anyway). */
  int purge(Instant before) {
    return jdbc.update("DELETE FROM patrol_client_action WHERE at < ?", Timestamp.from(before));
  }

  /** The key exists already: the action was done (or is being done) by an earlier send. */
  private static final class Replay extends RuntimeException {
    Replay() {
      super(null, null, false, false);
    }
  }
}
