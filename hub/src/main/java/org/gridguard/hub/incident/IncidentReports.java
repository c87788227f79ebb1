package org.gridguard.hub.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.gridguard.hub.grid.GridRepository;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.value.GridCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New incidents: manual reports and alarms ({@link IncidentIntake}). A new incident is
 * REPORTED with its VERIFY clock running; a P1 incident of a life-safety category is registered
 * and dispatched by the hub at once (events by {@code system}), verification happening in
 * parallel. The dispatch target is the incident's grid for now; patrol tasks (the grid's
 * on-duty patrol) come with the patrol issue.
 */
@Service
class IncidentReports implements IncidentIntake {
  private static final Logger log = LoggerFactory.getLogger(IncidentReports.class);

  private final IncidentRepository incidents;
  private final CatalogRepository catalog;
  private final CalendarRepository calendar;
  private final IncidentWorkflow workflow;
  private final GridRouter router;
  private final GridRepository grids;
  private final Clock clock;
  private final TransactionTemplate nested;
  private final IncidentMetrics metrics;

  IncidentReports(IncidentRepository incidents, CatalogRepository catalog,
      CalendarRepository calendar, IncidentWorkflow workflow, GridRouter router,
      GridRepository grids, Clock clock, PlatformTransactionManager transactions,
      IncidentMetrics metrics) {
    this.incidents = incidents;
    this.catalog = catalog;
    this.calendar = calendar;
    this.workflow = workflow;
    this.router = router;
    this.grids = grids;
    this.clock = clock;
    this.metrics = metrics;
    this.nested = new TransactionTemplate(transactions);
    // a savepoint inside the alarm package's transaction: a lost insert race rolls back only
    // our part (PostgreSQL would otherwise abort the caller's whole transaction)
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** What a report says. Validated by the caller (controller or AlarmRef). */
  record Report(String category, Integer priority, String gridCode, Double lat, Double lon,
      String title, String description) {}

  /**
   * Creates an incident (in the caller's transaction) and returns it after the fast path.
   *
   * @param allowed which grids routing may choose (the reporter's scope)
   * @throws IllegalArgumentException naming an unknown category or grid
   */
  Incident create(Report r, Actor reporter, Incident.Source source, Predicate<String> allowed,
      String address) {
    Category category = catalog.category(r.category()).orElseThrow(() ->
        new IllegalArgumentException("category: no category " + r.category()
            + " (the categories are 9101-9206, see GET /api/v1/incident-categories)"));
    if (!GridCode.levelOf(r.gridCode()).equals(Optional.of(GridCode.Level.GRID))
        || !grids.exists(r.gridCode())) {
      throw new IllegalArgumentException("gridCode: no GRID node " + r.gridCode()
          + " (15 digits, an existing grid)");
    }
    int priority = r.priority() == null ? category.defaultPriority() : r.priority();
    String grid = router.route(r.gridCode(), r.lat(), r.lon(), allowed);
    Instant now = clock.instant();
    String title = r.title() != null && !r.title().isBlank() ? r.title().strip()
        : category.nameZh() + " / " + category.nameEn();
    Incident draft = new Incident(0, category.code(), priority, grid, r.lat(), r.lon(),
        title, r.description(), source, reporter.name(), IncidentState.REPORTED, 0, 0, null, null,
        null, null, now, now, null, null);
    WorkingTime time = calendar.workingTime();
    StepClock verify = workflow.clock(draft, Step.VERIFY, time, now).orElse(null);
    draft = draft.with(IncidentState.REPORTED, verify, null, null, null);
    if (!(category.lifeSafety() && priority == 1)) {
      Incident created = incidents.insert(draft, r.description(), List.of());
      metrics.created(source, priority);
      workflow.reported(created);
      return created;
    }
    // the fast path of a new incident: register and dispatch are planned on the REPORTED draft
    // and the dispatched incident is inserted with all three events — one INSERT of the row
    // and one of its events instead of an insert, an update and two event writes
    IncidentWorkflow.Plan plan = workflow.plan(draft, Actor.SYSTEM, fastPath(grid), address);
    Incident created = incidents.insert(plan.after(), r.description(), plan.events());
    plan = plan.withIncidentId(created.id());
    metrics.created(source, priority);
    workflow.reported(draft.withId(created.id()));
    workflow.published(plan);
    metrics.fastPath();
    return created;
  }

  /** Registers and dispatches a REPORTED P1 life-safety incident at once. */
  private Incident fastPath(Incident reported, String address) {
    Incident dispatched = workflow.applyAll(reported, Actor.SYSTEM, fastPath(reported.gridCode()),
        address);
    metrics.fastPath();
    return dispatched;
  }

  /** The moves of the P1 fast path: registered at once, dispatched to the incident's grid. */
  private static List<IncidentWorkflow.Move> fastPath(String grid) {
    return List.of(
        new IncidentWorkflow.Move(IncidentAction.REGISTER, IncidentWorkflow.Input.note(
            "P1 fast path: registered at once, verification in parallel")),
        new IncidentWorkflow.Move(IncidentAction.DISPATCH, new IncidentWorkflow.Input(
            "P1 fast path: dispatched to grid " + grid, null, "target grid " + grid)));
  }

  @Override
  public long attach(long incidentId, AlarmRef alarm, String rule) {
    Optional<Long> existing = incidents.incidentOfAlarm(alarm.alarmKey());
    if (existing.isPresent()) {
      return existing.get();
    }
    Incident target = incidents.find(incidentId, GridScope.all()).orElse(null);
    if (target == null || target.state().isFinal()) {
      return fromAlarm(alarm);
    }
    Category category = catalog.category(alarm.category()).orElseThrow(() ->
        new IllegalArgumentException("category: no category " + alarm.category()));
    try {
      return nested.execute(status -> {
        incidents.linkAlarm(target.id(), alarm);
        IncidentWorkflow.Classification c = null;
        String detail = "alarm " + alarm.alarmKey() + " (rule " + rule + ")";
        boolean other = !category.code().equals(target.category());
        if (alarm.priority() <= target.priority() && (other || alarm.priority() < target.priority())) {
          String title = target.title();
          Optional<Category> old = catalog.category(target.category());
          if (old.isPresent() && title.equals(old.get().nameZh() + " / " + old.get().nameEn())) {
            title = category.nameZh() + " / " + category.nameEn();
          }
          c = new IncidentWorkflow.Classification(category.code(), alarm.priority(), title);
          detail += "; " + target.category() + " P" + target.priority() + " -> " + category.code()
              + " P" + alarm.priority();
        }
        Incident after = workflow.apply(target, IncidentAction.CORRELATE, Actor.SYSTEM,
            new IncidentWorkflow.Input("correlated by rule " + rule, null, detail, c), null);
        metrics.correlated(c != null);
        if (c != null && after.state() == IncidentState.REPORTED && category.lifeSafety()
            && after.priority() == 1) {
          fastPath(after, null);
        }
        return target.id();
      });
    } catch (DuplicateKeyException e) {
      // linked concurrently (another thread or instance): that link holds
      return incidents.incidentOfAlarm(alarm.alarmKey()).orElseThrow(() -> e);
    } catch (org.springframework.web.server.ResponseStatusException e) {
      if (e.getStatusCode().value() == 409) {
        // the incident changed meanwhile (e.g. closed by a dispatcher): the alarm stands alone
        return fromAlarm(alarm);
      }
      throw e;
    }
  }

  @Override
  public long fromAlarm(AlarmRef alarm) {
    Optional<Long> existing = incidents.incidentOfAlarm(alarm.alarmKey());
    if (existing.isPresent()) {
      metrics.alarmRepeated();
      return existing.get();
    }
    try {
      Long id = nested.execute(status -> {
        Incident created = create(new Report(alarm.category(), alarm.priority(), alarm.gridCode(),
            alarm.lat(), alarm.lon(), null, "alarm " + alarm.alarmKey() + " of "
                + (alarm.deviceId() == null ? "" : alarm.deviceId() + "@") + alarm.gatewayId()),
            new Actor("gateway:" + alarm.gatewayId(), java.util.Set.of(), true),
            Incident.Source.ALARM, code -> true, null);
        incidents.linkAlarm(created.id(), alarm);
        return created.id();
      });
      return id;
    } catch (DuplicateKeyException e) {
      // another thread or hub instance took the same alarm in first: its incident is the one
      metrics.alarmRepeated();
      log.debug("alarm {} was taken in concurrently; using that incident", alarm.alarmKey());
      return incidents.incidentOfAlarm(alarm.alarmKey()).orElseThrow(() -> e);
    }
  }
}
