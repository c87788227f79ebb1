package org.gridguard.hub.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates dispatch rounds nobody has accepted: step n fires {@code n × accept-limit} after the
 * dispatch (P1: {@code p1-accept-limit}, P2: {@code p2-accept-limit}; P3/P4 never), up to
 * {@code max-escalation-steps}. A step gives the task to the next on-duty member of the grid who
 * has none yet (or the waiting unassigned task to them), else to the on-duty members of the
 * neighbouring grids of the same village, and always alerts the dispatchers. Every instance
 * sweeps; the {@code patrol_escalation (incident, round, step)} row inserted first in the step's
 * transaction makes each step happen once. When a round is next due is kept on its unaccepted
 * tasks ({@code patrol_task.escalate_at}, see {@code V26__patrol_escalate_at.sql}), so a run reads
 * only due rounds, however many are open.
 */
@Component
class PatrolEscalation extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(PatrolEscalation.class);
  static final int BATCH = 200;

  private final TaskRepository tasks;
  private final TeamRepository teams;
  private final EscalationRepository escalations;
  private final TaskDispatcher dispatcher;
  private final PatrolProperties config;
  private final PatrolMetrics metrics;
  private final Clock clock;
  private final TransactionTemplate transaction;

  PatrolEscalation(TaskRepository tasks, TeamRepository teams, EscalationRepository escalations,
      TaskDispatcher dispatcher, PatrolProperties config, PatrolMetrics metrics, Clock clock,
      PlatformTransactionManager transactions) {
    super("patrol-escalation", config.sweepInterval());
    this.tasks = tasks;
    this.teams = teams;
    this.escalations = escalations;
    this.dispatcher = dispatcher;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  protected Duration runOnce() {
    sweep();
    return config.sweepInterval();
  }

  /** One run; returns the number of steps this run took. */
  int sweep() {
    return sweep(BATCH);
  }

  /** One run over at most {@code batch} due rounds, longest due first. */
  int sweep(int batch) {
    Instant now = clock.instant();
    int done = 0;
    for (TaskRepository.OpenRound r : tasks.dueRounds(now, batch)) {
      int next = r.done() + 1;
      if (next > config.maxEscalationSteps() || config.acceptLimit(r.priority()) == null) {
        tasks.reschedule(r.incidentId(), r.round(), null); // the limits changed since
        continue;
      }
      try {
        transaction.executeWithoutResult(s -> step(r, next, now));
        done++;
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        metrics.escalation("lost_race");
        log.debug("patrol escalation {} of incident {} done elsewhere", next, r.incidentId());
      }
    }
    return done;
  }

  private void step(TaskRepository.OpenRound r, int step, Instant now) {
    escalations.insert(r.incidentId(), r.round(), step, now);
    PatrolTask.IncidentInfo incident = tasks.incident(r.incidentId()).orElseThrow();
    List<String> holders = tasks.holders(r.incidentId(), r.round());
    List<String> own = fresh(teams.onDuty(incident.gridCode(), now, config.zone()), holders,
        incident.gridCode());
    List<String> given = new ArrayList<>();
    String outcome;
    if (!own.isEmpty()) {
      give(incident, r.round(), step, own.get(0), given);
      outcome = "next on-duty member " + String.join(", ", given);
    } else {
      List<String> neighbours = fresh(teams.onDutyNeighbours(incident.gridCode(), now,
          config.zone()), holders, incident.gridCode());
      for (String n : neighbours) {
        give(incident, r.round(), step, n, given);
      }
      outcome = given.isEmpty() ? "nobody else is on duty in the grid or its neighbours"
          : "neighbouring grid patrol " + String.join(", ", given);
    }
    escalations.outcome(r.incidentId(), r.round(), step, outcome);
    // the next step one limit after this one was due (the tasks just made included)
    tasks.reschedule(r.incidentId(), r.round(), step < config.maxEscalationSteps()
        ? r.dueAt().plus(config.acceptLimit(r.priority())) : null);
    metrics.escalation(given.isEmpty() ? "nobody" : "escalated");
    dispatcher.alert(incident, null, "escalated", "P" + r.priority() + " not accepted within "
        + config.acceptLimit(r.priority()).multipliedBy(step) + " (step " + step + "): "
        + outcome, given.isEmpty() ? null : String.join(",", given));
  }

  private void give(PatrolTask.IncidentInfo incident, int round, int step, String member,
      List<String> given) {
    Optional<PatrolTask> unassigned = tasks.live(incident.id()).stream()
        .filter(t -> t.username() == null).findFirst();
    if (unassigned.isPresent() && dispatcher.assign(unassigned.get(), member)) {
      given.add(member);
    } else if (dispatcher.create(incident, round, member, step).isPresent()) {
      given.add(member);
    }
  }

  private List<String> fresh(List<Team.OnDuty> onDuty, List<String> holders, String grid) {
    return dispatcher.eligible(onDuty.stream().map(Team.OnDuty::username)
        .filter(u -> !holders.contains(u)).toList(), grid);
  }
}
