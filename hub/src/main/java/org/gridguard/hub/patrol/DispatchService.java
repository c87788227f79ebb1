package org.gridguard.hub.patrol;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.incident.IncidentAction;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.incident.IncidentState;
import org.gridguard.hub.incident.IncidentView;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/patrol/dispatch}: a dispatcher sends an incident to its grid's on-duty
 * patrol or to one named member. A REGISTERED incident is dispatched through the workflow (the
 * listener then makes the tasks, for the named member only if one is named); a DISPATCHED one
 * with a named member is reassigned: the member gets the waiting unassigned task or a new one,
 * and the others' unaccepted tasks are withdrawn as "reassigned".
 */
@Service
class DispatchService {
  private final IncidentService incidents;
  private final TaskRepository tasks;
  private final TaskDispatcher dispatcher;

  DispatchService(IncidentService incidents, TaskRepository tasks, TaskDispatcher dispatcher) {
    this.incidents = incidents;
    this.tasks = tasks;
    this.dispatcher = dispatcher;
  }

  @Transactional
  List<TaskView> dispatch(HubPrincipal caller, Long incidentId, String username, String note,
      String address) {
    if (incidentId == null) {
      throw TaskService.bad("incidentId: required");
    }
    IncidentView incident = incidents.find(caller, incidentId).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + incidentId));
    if (!caller.scope().covers(incident.gridCode())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "incident " + incidentId
          + " is outside your grid scope");
    }
    if (username != null) {
      dispatcher.checkAssignable(username, incident.gridCode());
    }
    if (note != null && note.length() > TaskService.MAX_TEXT) {
      throw TaskService.bad("note: at most " + TaskService.MAX_TEXT + " characters");
    }
    if (incident.state() == IncidentState.REGISTERED) {
      DispatchTarget.with(username, () -> incidents.act(caller, incidentId,
          IncidentAction.DISPATCH, note == null ? (username == null ? "to the on-duty patrol"
              : "to patrol member " + username) : note, null, address));
    } else if (incident.state() == IncidentState.DISPATCHED && username != null) {
      reassign(caller, incidentId, username);
    } else if (incident.state() == IncidentState.DISPATCHED) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + incidentId
          + " is already dispatched; name a member (username) to reassign it");
    } else {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + incidentId + " is "
          + incident.state() + "; dispatch needs REGISTERED (or DISPATCHED, to reassign)");
    }
    return tasks.live(incidentId).stream().map(TaskView::of).toList();
  }

  private void reassign(HubPrincipal caller, long incidentId, String username) {
    List<PatrolTask> live = tasks.live(incidentId);
    Optional<PatrolTask> accepted = live.stream().filter(t -> !TaskState.UNACCEPTED.contains(
        t.state())).findFirst();
    if (accepted.isPresent()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + incidentId
          + " was accepted by " + accepted.get().username() + "; it must be returned first");
    }
    if (live.stream().anyMatch(t -> username.equals(t.username()))) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, username
          + " already has a live task for incident " + incidentId);
    }
    PatrolTask.IncidentInfo info = tasks.incident(incidentId).orElseThrow();
    int round = live.stream().map(PatrolTask::round).max(Comparator.naturalOrder())
        .orElse(info.version());
    Optional<PatrolTask> unassigned = live.stream().filter(t -> t.username() == null).findFirst();
    boolean given = unassigned.isPresent() && dispatcher.assign(unassigned.get(), username);
    if (!given && dispatcher.create(info, round, username, 0).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, username
          + " already has a live task for incident " + incidentId);
    }
    dispatcher.withdraw(incidentId, TaskState.UNACCEPTED, username, "reassigned",
        "reassigned to " + username + " by " + caller.username());
  }

  /** The incident's tasks (all rounds) for the centre. */
  @Transactional(readOnly = true)
  List<TaskView> ofIncident(HubPrincipal caller, long incidentId) {
    incidents.find(caller, incidentId).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + incidentId));
    return tasks.ofIncident(incidentId, caller.scope()).stream().map(TaskView::of).toList();
  }
}
