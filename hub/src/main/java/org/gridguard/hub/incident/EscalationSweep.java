package org.gridguard.hub.incident;

import java.time.Duration;
import org.gridguard.hub.schedule.PeriodicTask;
import java.time.Clock;
import org.gridguard.hub.security.GridScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Escalates overdue incidents to the next level's centre (village → town → county), every
 * {@code gridguard.incident.sweep-interval}, on every hub instance. Each escalation happens once
 * across instances: the {@code incident_escalation (incident_id, level)} row is inserted first,
 * in the same transaction as the transition; a duplicate key means another instance (or thread)
 * did it. Each incident is escalated in a transaction of its own.
 */
@Component
class EscalationSweep extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(EscalationSweep.class);

  private final IncidentRepository incidents;
  private final IncidentWorkflow workflow;
  private final IncidentProperties config;
  private final IncidentMetrics metrics;
  private final Clock clock;
  private final TransactionTemplate transaction;

  EscalationSweep(IncidentRepository incidents, IncidentWorkflow workflow,
      IncidentProperties config, IncidentMetrics metrics, Clock clock,
      PlatformTransactionManager transactions) {
    super("incident-escalation", config.sweepInterval());
    this.incidents = incidents;
    this.workflow = workflow;
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

  /** One run: escalates up to {@code sweep-batch} overdue incidents; returns how many it did. */
  int sweep() {
    int done = 0;
    for (long id : incidents.overdue(clock.instant(), config.sweepBatch())) {
      try {
        Boolean escalated = transaction.execute(status -> incidents.find(id, GridScope.all())
            .filter(i -> i.escalationLevel() < Incident.COUNTY_LEVEL
                && i.step() != null && !i.step().suspended()
                && !i.step().deadline().isAfter(clock.instant()))
            .map(i -> {
              workflow.apply(i, IncidentAction.ESCALATE, Actor.SYSTEM, IncidentWorkflow.Input.note(
                  "overdue: the " + i.step().step().name().toLowerCase() + " step passed its "
                      + "deadline " + i.step().deadline()), null);
              return true;
            }).orElse(false));
        if (Boolean.TRUE.equals(escalated)) {
          done++;
          metrics.escalated();
        }
      } catch (ResponseStatusException e) {
        // 409: another instance escalated it, or someone moved it meanwhile — both fine
        metrics.escalationLost();
        log.debug("incident {} not escalated: {}", id, e.getReason());
      } catch (org.springframework.dao.DuplicateKeyException
          | org.springframework.dao.ConcurrencyFailureException e) {
        metrics.escalationLost();
      }
    }
    if (done > 0) {
      log.info("incident: escalated {} overdue incident(s)", done);
    }
    return done;
  }
}
