package org.gridguard.hub.patrol;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.incident.IncidentAction;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.evidence.EvidenceResponses;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * A member's actions on their own tasks. Each moves the task first (a conditional update: a lost
 * race is 409) and then, where the workflow has the same step, acts on the incident as the
 * member through {@link IncidentService} — accept → ACCEPT, arrive → START, resolve → (START)
 * RESOLVE, return → RETURN — all in one transaction, so a refusal by the workflow rolls the task
 * back too. Someone else's task, or one outside the caller's scope, is 404; the wrong state 409.
 */
@Service
class TaskService {
  static final int MAX_TEXT = 2000;
  static final int MAX_LIST = 200;

  private final TaskRepository tasks;
  private final TaskDispatcher dispatcher;
  private final IncidentService incidents;
  private final PhotoStore photos;
  private final AuditLog audit;
  private final PatrolMetrics metrics;
  private final Clock clock;

  TaskService(TaskRepository tasks, TaskDispatcher dispatcher, IncidentService incidents,
      PhotoStore photos, AuditLog audit, PatrolMetrics metrics, Clock clock) {
    this.audit = audit;
    this.metrics = metrics;
    this.tasks = tasks;
    this.dispatcher = dispatcher;
    this.incidents = incidents;
    this.photos = photos;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  List<TaskView> mine(HubPrincipal caller, String state, Long before, int limit) {
    TaskState s = null;
    if (state != null && !state.isBlank()) {
      try {
        s = TaskState.valueOf(state.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad("state: one of " + List.of(TaskState.values()) + ", was '" + state + "'");
      }
    }
    if (limit < 1 || limit > MAX_LIST) {
      throw bad("limit: 1–" + MAX_LIST + ", was " + limit);
    }
    return tasks.mine(caller.username(), caller.scope(), s, before == null ? Long.MAX_VALUE
        : before, limit).stream().map(TaskView::of).toList();
  }

  /**
   * The phone's list: the caller's live tasks (NEW, DELIVERED, ACCEPTED, ARRIVED) newest first,
   * then the latest {@code done} finished ones (resolved, returned, withdrawn) newest first.
   */
  @Transactional(readOnly = true)
  List<TaskView> board(HubPrincipal caller, int done) {
    List<TaskView> all = new java.util.ArrayList<>();
    tasks.board(caller.username(), caller.scope(), true, MAX_LIST).forEach(t -> all.add(
        TaskView.of(t)));
    tasks.board(caller.username(), caller.scope(), false, done).forEach(t -> all.add(
        TaskView.of(t)));
    return all;
  }

  @Transactional(readOnly = true)
  TaskView get(HubPrincipal caller, long id) {
    PatrolTask t = mine(caller, id);
    return TaskView.of(t, tasks.notes(id), photos.list(id));
  }

  /** The phone's receipt; repeating it is harmless. */
  @Transactional
  TaskView delivered(HubPrincipal caller, long id) {
    PatrolTask t = mine(caller, id);
    if (t.state() == TaskState.NEW) {
      moveOrConflict(t, TaskState.DELIVERED, "delivered", null, null, null, null);
    } else if (t.state() != TaskState.DELIVERED && !t.state().live()) {
      throw wrongState(t, "delivered", "NEW");
    }
    return get(caller, id);
  }

  @Transactional
  TaskView accept(HubPrincipal caller, long id, String address) {
    PatrolTask t = mine(caller, id);
    if (!TaskState.UNACCEPTED.contains(t.state())) {
      throw wrongState(t, "accept", "NEW or DELIVERED");
    }
    moveOrConflict(t, TaskState.ACCEPTED, "accepted", null, null, null, null);
    incidents.act(caller, t.incidentId(), IncidentAction.ACCEPT, null, null, address);
    return get(caller, id);
  }

  @Transactional
  TaskView arrive(HubPrincipal caller, long id, Double lat, Double lon, String address) {
    PatrolTask t = mine(caller, id);
    checkLocation(lat, lon);
    if (t.state() != TaskState.ACCEPTED) {
      throw wrongState(t, "arrive", "ACCEPTED");
    }
    moveOrConflict(t, TaskState.ARRIVED, "arrived", null, null, lat, lon);
    startIfAccepted(caller, t, address);
    return get(caller, id);
  }

  @Transactional
  TaskView note(HubPrincipal caller, long id, String text) {
    PatrolTask t = mine(caller, id);
    String clean = text(text, "text");
    if (!t.state().live()) {
      throw wrongState(t, "add a note to", "NEW, DELIVERED, ACCEPTED or ARRIVED");
    }
    tasks.addNote(id, caller.username(), clean, clock.instant());
    dispatcher.changed(t, "note", null);
    return get(caller, id);
  }

  @Transactional
  TaskView resolve(HubPrincipal caller, long id, String note, String address) {
    PatrolTask t = mine(caller, id);
    String clean = text(note, "note");
    if (t.state() != TaskState.ACCEPTED && t.state() != TaskState.ARRIVED) {
      throw wrongState(t, "resolve", "ACCEPTED or ARRIVED");
    }
    moveOrConflict(t, TaskState.RESOLVED, "resolved", null, clean, null, null);
    startIfAccepted(caller, t, address);
    incidents.act(caller, t.incidentId(), IncidentAction.RESOLVE, clean, null, address);
    return get(caller, id);
  }

  /**
   * Returns the task with a reason. While colleagues still hold unaccepted tasks of the round the
   * incident stays dispatched to them (the dispatchers are alerted); the last one to return — or
   * the member who had accepted — returns the incident to the centre.
   */
  @Transactional
  TaskView giveBack(HubPrincipal caller, long id, String reason, String address) {
    PatrolTask t = mine(caller, id);
    String clean = text(reason, "reason");
    if (t.state() == TaskState.ARRIVED) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "task " + id + " is ARRIVED: you "
          + "are on site, so resolve it (with a note of what you found) instead of returning it");
    }
    if (!t.state().live()) {
      throw wrongState(t, "return", "NEW, DELIVERED or ACCEPTED");
    }
    moveOrConflict(t, TaskState.RETURNED, "returned", clean, null, null, null);
    boolean othersLeft = tasks.live(t.incidentId()).stream()
        .anyMatch(o -> o.username() != null && o.round() == t.round());
    if (t.state() == TaskState.ACCEPTED || !othersLeft) {
      incidents.act(caller, t.incidentId(), IncidentAction.RETURN, clean, null, address);
    } else {
      dispatcher.alert(tasks.incident(t.incidentId()).orElseThrow(), t.id(), "returned", clean,
          caller.username());
    }
    return get(caller, id);
  }

  /** A photo of the task (JPEG/PNG/HEIC by content), audited. */
  @Transactional
  TaskView photo(HubPrincipal caller, long id, java.io.InputStream in, String address) {
    PatrolTask t = mine(caller, id);
    if (t.state() != TaskState.ACCEPTED && t.state() != TaskState.ARRIVED
        && t.state() != TaskState.RESOLVED) {
      throw wrongState(t, "add a photo to", "ACCEPTED, ARRIVED or RESOLVED");
    }
    PhotoStore.Stored stored;
    try {
      stored = photos.store(id, caller.username(), in);
    } catch (ResponseStatusException e) {
      metrics.photo("refused");
      audit.record(AuditEntry.failure(caller.username(), address, "patrol.photo.upload",
          "patrol_task", Long.toString(id), e.getReason()));
      throw e;
    }
    metrics.photo("stored");
    audit.record(new AuditEntry(caller.username(), address, "patrol.photo.upload", "patrol_task",
        Long.toString(id), AuditEntry.SUCCESS, null, null, "photo " + stored.id() + " "
            + stored.type().contentType() + " " + stored.size() + " B sha256 " + stored.sha256()));
    dispatcher.changed(t, "photo", null);
    return get(caller, id);
  }

  /**
   * A photo of a task in the caller's scope (by the task's grid, whoever's task it is), audited
   * as {@code patrol.photo.view} once per request (ranges included) when the file is served.
   * Absent or out of scope 404; purged 410. Not read-only: the audit line is written in it
   * (PostgreSQL refuses an INSERT in a read-only transaction; H2 does not).
   */
  @Transactional
  ResponseEntity<FileSystemResource> photoFile(HubPrincipal caller, long taskId, long photoId,
      String address) {
    PhotoStore.Located photo = photos.find(taskId, photoId, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no photo " + photoId + " of task "
            + taskId));
    return EvidenceResponses.file(photo.file(), photo.contentType(), () -> audit.record(
        new AuditEntry(caller.username(), address, "patrol.photo.view", "patrol_photo",
            Long.toString(photoId), AuditEntry.SUCCESS, null, null, "task " + taskId)));
  }

  /** The incident's START step if it is still ACCEPTED (the member is on site now). */
  private void startIfAccepted(HubPrincipal caller, PatrolTask t, String address) {
    String state = tasks.incident(t.incidentId()).map(PatrolTask.IncidentInfo::state)
        .orElse("");
    if (state.equals("ACCEPTED")) {
      incidents.act(caller, t.incidentId(), IncidentAction.START, null, null, address);
    }
  }

  PatrolTask mine(HubPrincipal caller, long id) {
    return tasks.findMine(id, caller.username(), caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no task " + id + " of yours"));
  }

  private void moveOrConflict(PatrolTask t, TaskState to, String change, String reason,
      String resolveNote, Double lat, Double lon) {
    if (!dispatcher.move(t, to, change, reason, resolveNote, lat, lon)) {
      String now = tasks.find(t.id()).map(x -> x.state().name()).orElse("gone");
      throw new ResponseStatusException(HttpStatus.CONFLICT, "task " + t.id()
          + " changed meanwhile; it is now " + now + " — reload it");
    }
  }

  static void checkLocation(Double lat, Double lon) {
    if (lat == null || lon == null) {
      throw bad("lat, lon: both required (the phone's WGS-84 position)");
    }
    if (!(lat >= -90 && lat <= 90)) {
      throw bad("lat: must be between -90 and 90, was " + lat);
    }
    if (!(lon >= -180 && lon <= 180)) {
      throw bad("lon: must be between -180 and 180, was " + lon);
    }
  }

  private static String text(String text, String field) {
    if (text == null || text.isBlank()) {
      throw bad(field + ": required (say what happened)");
    }
    String clean = text.strip();
    if (clean.length() > MAX_TEXT) {
      throw bad(field + ": at most " + MAX_TEXT + " characters, was " + clean.length());
    }
    return clean;
  }

  private static ResponseStatusException wrongState(PatrolTask t, String action, String from) {
    return new ResponseStatusException(HttpStatus.CONFLICT, "task " + t.id() + " is "
        + t.state() + "; you can " + action + " a task that is " + from);
  }

  static ResponseStatusException bad(String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }
}
