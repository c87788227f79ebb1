package org.gridguard.hub.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.UserAccount;
import org.gridguard.hub.security.UserRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Makes and changes tasks and writes each change to the outbox of the member it concerns (and
 * alerts to the dispatchers in scope of the grid), always in the caller's transaction. A round
 * that finds nobody on duty keeps one unassigned task, alerts the dispatchers and is retried by
 * the escalation sweep — it is never lost.
 */
@Component
class TaskDispatcher {
  private final TaskRepository tasks;
  private final TeamRepository teams;
  private final FeedLog feed;
  private final Dispatchers dispatchers;
  private final UserRepository users;
  private final PatrolProperties config;
  private final PatrolMetrics metrics;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  TaskDispatcher(TaskRepository tasks, TeamRepository teams, FeedLog feed, Dispatchers dispatchers,
      UserRepository users, PatrolProperties config, PatrolMetrics metrics, Clock clock,
      PlatformTransactionManager transactions) {
    // a lost race on the active-task key must not abort the caller's transaction (PostgreSQL)
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.tasks = tasks;
    this.teams = teams;
    this.feed = feed;
    this.dispatchers = dispatchers;
    this.users = users;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * A new dispatch round: a task for each on-duty member of the incident's grid (its own teams and
   * its village's) who may see the grid, or for {@code named} only; nobody → one unassigned task
   * and an alert to the dispatchers.
   */
  List<PatrolTask> dispatchRound(PatrolTask.IncidentInfo incident, int round, String named) {
    List<String> members = named != null ? List.of(named) : eligible(
        teams.onDuty(incident.gridCode(), clock.instant(), config.zone()).stream()
            .map(Team.OnDuty::username).toList(), incident.gridCode());
    List<PatrolTask> made = new ArrayList<>();
    for (String m : members) {
      create(incident, round, m, 0).ifPresent(made::add);
    }
    if (made.isEmpty()) {
      create(incident, round, null, 0).ifPresent(t -> {
        made.add(t);
        metrics.unassigned();
        alert(incident, t.id(), "unassigned", "nobody of grid " + incident.gridCode()
            + " or its village is on duty; the task waits unassigned — dispatch it to a member",
            null);
      });
    }
    return made;
  }

  /** Members among {@code usernames} who are enabled PATROL users able to see {@code grid}. */
  List<String> eligible(List<String> usernames, String grid) {
    Map<String, UserAccount> found = users.findByUsernames(usernames);
    List<String> out = new ArrayList<>();
    for (String u : usernames) {
      UserAccount user = found.get(u);
      if (user != null && user.enabled() && user.roles().contains(Role.PATROL)
          && user.scope().covers(grid)) {
        out.add(u);
      }
    }
    return out;
  }

  /** Checks that {@code username} may be given a task of {@code grid} (400 saying why not). */
  void checkAssignable(String username, String grid) {
    UserAccount user = users.findByUsername(username).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.BAD_REQUEST, "username: no user '" + username
            + "'"));
    if (!user.enabled() || !user.roles().contains(Role.PATROL)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "username: '" + username
          + "' is not an enabled PATROL user");
    }
    if (!user.scope().covers(grid)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "username: the grid scope of '"
          + username + "' does not cover " + grid + ", so they could not see the task");
    }
  }

  /**
   * A NEW task for {@code username} (null: unassigned) and its feed row; empty if they already
   * hold a live task for the incident (another thread or instance made it).
   */
  Optional<PatrolTask> create(PatrolTask.IncidentInfo incident, int round, String username,
      int step) {
    Instant now = clock.instant();
    Duration limit = config.acceptLimit(incident.priority());
    Instant escalateAt = limit == null || config.maxEscalationSteps() == 0 ? null
        : now.plus(limit);
    PatrolTask task;
    try {
      task = savepoint.execute(s -> tasks.insert(incident, round, username, step, now,
          escalateAt));
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    changed(task, "new", null);
    return Optional.of(task);
  }

  /** Gives an unassigned task to {@code username}; false if it was taken meanwhile. */
  boolean assign(PatrolTask unassigned, String username) {
    boolean done;
    try {
      done = Boolean.TRUE.equals(savepoint.execute(s -> tasks.assign(unassigned, username,
          clock.instant())));
    } catch (DuplicateKeyException e) {
      return false;
    }
    if (done) {
      changed(tasks.find(unassigned.id()).orElseThrow(), "new", null);
    }
    return done;
  }

  /**
   * Moves {@code t} to {@code to} and tells its member; false if it changed meanwhile.
   *
   * @param change the feed's word for it (accepted, withdrawn, reassigned …)
   */
  boolean move(PatrolTask t, TaskState to, String change, String reason, String resolveNote,
      Double lat, Double lon) {
    Instant now = clock.instant();
    if (!tasks.move(t, to, now, reason, resolveNote, lat, lon)) {
      return false;
    }
    changed(tasks.find(t.id()).orElseThrow(), change, reason);
    return true;
  }

  /** Withdraws the incident's live tasks in {@code states}, except {@code keep}'s. */
  void withdraw(long incidentId, Set<TaskState> states, String keep, String change,
      String reason) {
    for (PatrolTask t : tasks.live(incidentId)) {
      if (states.contains(t.state()) && (keep == null || !keep.equals(t.username()))) {
        move(t, TaskState.WITHDRAWN, change, reason, null, null, null);
      }
    }
  }

  /** A feed row for the task's member (none while unassigned). */
  void changed(PatrolTask t, String change, String reason) {
    metrics.task(change);
    if (t.username() != null) {
      feed.append(t.username(), FeedRow.Kind.TASK, t.id(), t.incidentId(),
          FeedPayload.of(change, t, clock.instant().toString(), reason));
      metrics.feedRow(FeedRow.Kind.TASK);
    }
  }

  /** An alert row for every dispatcher in scope of the incident's grid. */
  void alert(PatrolTask.IncidentInfo incident, Long taskId, String change, String reason,
      String member) {
    String at = clock.instant().toString();
    for (String d : dispatchers.of(incident.gridCode())) {
      feed.append(d, FeedRow.Kind.ALERT, taskId, incident.id(),
          FeedPayload.alert(change, incident, taskId, at, reason, member));
      metrics.feedRow(FeedRow.Kind.ALERT);
    }
  }
}
