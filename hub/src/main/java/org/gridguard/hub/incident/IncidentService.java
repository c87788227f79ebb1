package org.gridguard.hub.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The incident use cases for every front end — the REST API, the console pages, the patrol
 * package: list, read, report, act, merge, always as a signed-in caller and scoped to the
 * caller's grids (out of scope = 404 like absent). Errors are {@link ResponseStatusException}s
 * saying what to do next; the front end decides how to show them.
 */
@Service
public class IncidentService {
  /** A manual report; priority defaults to the category's. */
  public record NewIncident(String category, Integer priority, String gridCode, Double lat,
      Double lon, String title, String description) {}

  /** One page of the list. */
  public record Page(List<IncidentView> items, long total, int page, int size) {}

  private final IncidentRepository incidents;
  private final IncidentReports reports;
  private final IncidentWorkflow workflow;
  private final CalendarRepository calendar;
  private final Clock clock;

  IncidentService(IncidentRepository incidents, IncidentReports reports,
      IncidentWorkflow workflow, CalendarRepository calendar, Clock clock) {
    this.incidents = incidents;
    this.reports = reports;
    this.workflow = workflow;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** The caller's incidents matching {@code q}, newest first (summaries: no timeline). */
  @Transactional(readOnly = true)
  public Page list(HubPrincipal caller, IncidentQuery q) {
    if (q.grid() != null && !GridCode.isValid(q.grid())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "grid: " + GridCode.rule());
    }
    Instant now = clock.instant();
    WorkingTime time = calendar.workingTime();
    IncidentRepository.Page found = incidents.list(caller.scope(), q, now);
    return new Page(found.items().stream().map(i -> IncidentView.summary(i, time, now)).toList(),
        found.total(), q.page(), q.size());
  }

  /** One incident with timeline, alarms and the actions the caller may take now. */
  @Transactional(readOnly = true)
  public IncidentView get(HubPrincipal caller, long id) {
    return detail(inScope(caller, id), caller);
  }

  /** The incident if it exists and is in the caller's scope. */
  @Transactional(readOnly = true)
  public Optional<IncidentView> find(HubPrincipal caller, long id) {
    return incidents.find(id, caller.scope()).map(i -> detail(i, caller));
  }

  @Transactional(readOnly = true)
  public List<IncidentView.EventView> events(HubPrincipal caller, long id) {
    Incident incident = inScope(caller, id);
    return incidents.events(incident.id()).stream().map(IncidentView.EventView::of).toList();
  }

  /**
   * Reports an incident in a grid of the caller's scope.
   *
   * @param address the caller's address for the audit log, or null
   */
  @Transactional
  public IncidentView report(HubPrincipal caller, NewIncident body, String address) {
    try {
      Location.check(body.lat(), body.lon());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    if (!GridCode.levelOf(body.gridCode()).equals(Optional.of(GridCode.Level.GRID))) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "gridCode: an incident is reported in a grid (15 digits), was '" + body.gridCode() + "'");
    }
    if (!caller.scope().covers(body.gridCode())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "gridCode: " + body.gridCode() + " is outside your grid scope");
    }
    Incident created = reports.create(new IncidentReports.Report(body.category(), body.priority(),
        body.gridCode(), body.lat(), body.lon(), body.title(), body.description()),
        Actor.of(caller), Incident.Source.MANUAL, caller.scope()::covers, address);
    return detail(created, caller);
  }

  /**
   * Takes {@code action} on the incident as the caller.
   *
   * @param note the note (required by some actions), or null
   * @param duration the extension for {@code extend}, else null
   */
  @Transactional
  public IncidentView act(HubPrincipal caller, long id, IncidentAction action, String note,
      Duration duration, String address) {
    if (!action.viaActionPath()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, action.pathName()
          + " is not an action of its own");
    }
    if (duration != null && action != IncidentAction.EXTEND) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "duration: only extend takes a duration");
    }
    Incident incident = inScope(caller, id);
    Incident after = workflow.apply(incident, action, Actor.of(caller),
        new IncidentWorkflow.Input(note, duration, null), address);
    return detail(after, caller);
  }

  /** Merges {@code otherId} into {@code id}: its alarms move over and it is voided. */
  @Transactional
  public IncidentView merge(HubPrincipal caller, long id, long otherId, String note,
      String address) {
    Incident target = inScope(caller, id);
    if (otherId == id) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "otherId: an incident cannot be merged into itself");
    }
    Incident other = inScope(caller, otherId);
    Actor actor = Actor.of(caller);
    workflow.apply(other, IncidentAction.MERGED, actor,
        new IncidentWorkflow.Input(note, null, "into incident " + id), address);
    int moved = incidents.moveAlarms(other.id(), id);
    Incident after = workflow.apply(target, IncidentAction.MERGE, actor,
        new IncidentWorkflow.Input(note, null, "incident " + other.id() + " merged in ("
            + moved + " alarm(s))"), address);
    return detail(after, caller);
  }

  private IncidentView detail(Incident i, HubPrincipal caller) {
    Instant now = clock.instant();
    List<IncidentView.EventView> timeline = incidents.events(i.id()).stream()
        .map(IncidentView.EventView::of).toList();
    int reworks = (int) timeline.stream().filter(e -> e.action().equals("rework")).count();
    return IncidentView.of(i, calendar.workingTime(), now, reworks, incidents.alarms(i.id()),
        timeline, Transitions.available(i.state(), Actor.of(caller)));
  }

  private Incident inScope(HubPrincipal caller, long id) {
    return incidents.find(id, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + id));
  }
}
