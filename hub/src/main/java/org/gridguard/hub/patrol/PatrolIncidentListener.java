package org.gridguard.hub.patrol;

import java.util.Set;
import org.gridguard.hub.incident.IncidentChange;
import org.gridguard.hub.incident.IncidentChangeListener;
import org.gridguard.hub.incident.IncidentState;
import org.springframework.stereotype.Component;

/**
 * Reflects incident transitions onto patrol tasks, in the transaction of the transition: a
 * DISPATCH (by a dispatcher, or by {@code system} on the P1 fast path) or a REWORK starts a round
 * of tasks; ACCEPT, START, RESOLVE and RETURN move the actor's task and withdraw the others; VOID,
 * MERGED and CLOSE withdraw what is still live; ESCALATE alerts the dispatchers in scope. It only
 * moves tasks not already where the change puts them, so the patrol's own task actions — which
 * move their task first and then act on the incident — are not done twice.
 */
@Component
class PatrolIncidentListener implements IncidentChangeListener {
  private static final Set<TaskState> UNACCEPTED = TaskState.UNACCEPTED;
  private static final Set<TaskState> ALL_LIVE = TaskState.LIVE;

  private final TaskRepository tasks;
  private final TaskDispatcher dispatcher;

  PatrolIncidentListener(TaskRepository tasks, TaskDispatcher dispatcher) {
    this.tasks = tasks;
    this.dispatcher = dispatcher;
  }

  @Override
  public void onChange(IncidentChange change) {
    switch (change.action()) {
      case DISPATCH, REWORK -> {
        if (change.to() == IncidentState.DISPATCHED) {
          PatrolTask.IncidentInfo incident = tasks.incident(change.incidentId()).orElseThrow();
          // a new round: whatever is live from an earlier one is over
          dispatcher.withdraw(change.incidentId(), ALL_LIVE, null, "withdrawn",
              "dispatched again");
          dispatcher.dispatchRound(incident, change.version(), DispatchTarget.current());
        }
      }
      case ACCEPT -> {
        for (PatrolTask t : tasks.live(change.incidentId())) {
          if (UNACCEPTED.contains(t.state())) {
            if (change.actor().equals(t.username())) {
              dispatcher.move(t, TaskState.ACCEPTED, "accepted", null, null, null, null);
            } else {
              dispatcher.move(t, TaskState.WITHDRAWN, "withdrawn", "accepted by "
                  + change.actor(), null, null, null);
            }
          }
        }
      }
      case START -> {
        for (PatrolTask t : tasks.live(change.incidentId())) {
          if (t.state() == TaskState.ACCEPTED && change.actor().equals(t.username())) {
            dispatcher.move(t, TaskState.ARRIVED, "arrived", null, null, null, null);
          }
        }
      }
      case RESOLVE -> {
        for (PatrolTask t : tasks.live(change.incidentId())) {
          if (t.state() == TaskState.ACCEPTED || t.state() == TaskState.ARRIVED) {
            dispatcher.move(t, TaskState.RESOLVED, "resolved", null, change.note(), null, null);
          } else {
            dispatcher.move(t, TaskState.WITHDRAWN, "withdrawn", "resolved by " + change.actor(),
                null, null, null);
          }
        }
      }
      case RETURN -> {
        PatrolTask.IncidentInfo incident = tasks.incident(change.incidentId()).orElseThrow();
        for (PatrolTask t : tasks.live(change.incidentId())) {
          if (change.actor().equals(t.username())) {
            dispatcher.move(t, TaskState.RETURNED, "returned", change.note(), null, null, null);
          } else {
            dispatcher.move(t, TaskState.WITHDRAWN, "withdrawn", "returned by " + change.actor()
                + ": " + change.note(), null, null, null);
          }
        }
        dispatcher.alert(incident, null, "returned", change.note(), change.actor());
      }
      case ESCALATE -> {
        // overdue (the sweep, as system) or sent up by a dispatcher: the dispatchers whose scope
        // covers the grid — the next level's centre among them — hear it on their feed
        PatrolTask.IncidentInfo incident = tasks.incident(change.incidentId()).orElseThrow();
        String why = change.detail() == null ? change.note()
            : change.note() == null ? change.detail() : change.detail() + ": " + change.note();
        dispatcher.alert(incident, null, "incident_escalated", why, change.actor());
      }
      case VOID, MERGED, CLOSE -> {
        String why = switch (change.action()) {
          case VOID -> "incident voided";
          case MERGED -> "incident merged into another";
          default -> "incident closed";
        };
        dispatcher.withdraw(change.incidentId(), ALL_LIVE, null, "withdrawn",
            change.note() == null ? why : why + ": " + change.note());
      }
      default -> { }
    }
  }
}
