package org.gridguard.hub.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.GridScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Takes incidents through {@link Transitions}: checks role, state and guard, moves the step
 * clocks, and writes the change as one conditional UPDATE (state and version) plus the event
 * with seq = the new version and an audit line — all in the caller's transaction. A lost race
 * answers 409 saying what the incident is now.
 */
@Service
class IncidentWorkflow {
  /** The longest single extension. */
  static final Duration MAX_EXTENSION = Duration.ofDays(30);

  private final IncidentRepository incidents;
  private final CatalogRepository catalog;
  private final CalendarRepository calendar;
  private final AuditLog audit;
  private final Clock clock;
  private final IncidentMetrics metrics;
  private final List<IncidentChangeListener> listeners;

  IncidentWorkflow(IncidentRepository incidents, CatalogRepository catalog,
      CalendarRepository calendar, AuditLog audit, Clock clock, IncidentMetrics metrics,
      List<IncidentChangeListener> listeners) {
    this.metrics = metrics;
    this.listeners = List.copyOf(listeners);
    this.incidents = incidents;
    this.catalog = catalog;
    this.calendar = calendar;
    this.audit = audit;
    this.clock = clock;
  }

  /** A correlation's new category and priority (CORRELATE only); null keeps the incident's. */
  record Classification(String category, int priority, String title) {}

  /**
   * What comes with an action: a note, an extension's duration, a merge's other incident, a
   * correlation's classification.
   */
  record Input(String note, Duration duration, String detail, Classification classification) {
    static final Input NONE = new Input(null, null, null);

    Input(String note, Duration duration, String detail) {
      this(note, duration, detail, null);
    }

    Input {
      note = note == null || note.isBlank() ? null : note.strip();
      if (note != null && note.length() > IncidentEvent.MAX_NOTE) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "note: at most " + IncidentEvent.MAX_NOTE + " characters, was " + note.length());
      }
    }

    static Input note(String note) {
      return new Input(note, null, null);
    }
  }

  /** One action of a sequence ({@link #applyAll}). */
  record Move(IncidentAction action, Input input) {}

  /**
   * Applies {@code action} to {@code current} (as read in this transaction).
   *
   * @param address the caller's address for the audit log, or null
   * @return the incident after the change
   * @throws ResponseStatusException 403 if the actor may never take the action, 409 if not from
   *     this state or if someone else changed the incident first, 400 if a guard fails
   */
  Incident apply(Incident current, IncidentAction action, Actor actor, Input input,
      String address) {
    return applyAll(current, actor, List.of(new Move(action, input)), address);
  }

  /**
   * Applies {@code moves} one after the other, each checked against the table from the state the
   * one before left, and writes them together: one conditional UPDATE (state and version of
   * {@code current}) to the last state, the events (seq = each move's version) and audit lines
   * as one batch each; the listeners then hear every change in order.
   */
  Incident applyAll(Incident current, Actor actor, List<Move> moves, String address) {
    Plan plan = plan(current, actor, moves, address);
    for (int level : plan.escalations()) {
      try {
        incidents.insertEscalation(current.id(), level, plan.after().updatedAt(), actor.name());
      } catch (DuplicateKeyException e) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + current.id()
            + " was already escalated to level " + level);
      }
    }
    boolean changed;
    try {
      changed = incidents.update(current, plan.after(), plan.after().updatedAt());
    } catch (PessimisticLockingFailureException e) {
      changed = false;
    }
    if (!changed) {
      String now2 = incidents.find(current.id(), GridScope.all())
          .map(i -> i.state() + " (version " + i.version() + ")").orElse("gone");
      throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + current.id()
          + " was changed by someone else meanwhile; it is now " + now2 + " — reload and decide again");
    }
    incidents.appendEvents(plan.events());
    published(plan);
    return plan.after();
  }

  /**
   * What {@code moves} do to {@code current}, checked and computed but not written: the incident
   * after the last move, one event, audit line and change per move, and the escalation levels
   * reached. {@link #applyAll} writes a plan over the stored row; the P1 fast path
   * ({@link IncidentReports}) plans register-and-dispatch on the REPORTED draft and inserts the
   * dispatched incident with all its events at once, then {@link #published} tells the rest.
   *
   * @throws ResponseStatusException as {@link #apply} does
   */
  Plan plan(Incident current, Actor actor, List<Move> moves, String address) {
    Instant now = clock.instant();
    WorkingTime time = calendar.workingTime();
    Incident at = current;
    List<IncidentEvent> events = new java.util.ArrayList<>(moves.size());
    List<AuditEntry> lines = new java.util.ArrayList<>(moves.size());
    List<IncidentChange> changes = new java.util.ArrayList<>(moves.size());
    List<Integer> escalations = new java.util.ArrayList<>();
    for (Move m : moves) {
      IncidentAction action = m.action();
      Incident from = at;
      Transition row = Transitions.find(from.state(), action, actor).orElseThrow(() ->
          Transitions.everPermitted(action, actor)
              ? new ResponseStatusException(HttpStatus.CONFLICT, "incident " + from.id() + " is "
                  + from.state() + "; " + action.pathName() + " is possible from "
                  + Transitions.statesFor(action, actor))
              : new ResponseStatusException(HttpStatus.FORBIDDEN, "your roles do not allow "
                  + action.pathName()));
      checkGuard(row, from, m.input());
      Incident after = next(from, row, m.input(), time, now);
      if (action == IncidentAction.ESCALATE) {
        escalations.add(after.escalationLevel());
      }
      int version = from.version() + 1;
      String detail = detail(row, after, m.input());
      events.add(new IncidentEvent(from.id(), version, now, actor.name(), action, from.state(),
          after.state(), m.input().note(), detail));
      lines.add(new AuditEntry(actor.name(), address, "incident." + action.pathName(), "incident",
          Long.toString(from.id()), AuditEntry.SUCCESS, null, null,
          from.state() + " -> " + after.state() + (detail == null ? "" : "; " + detail)));
      changes.add(new IncidentChange(from.id(), version, after.gridCode(), after.category(),
          after.priority(), action, from.state(), after.state(), actor.name(), m.input().note(),
          detail, now));
      at = new Incident(after.id(), after.category(), after.priority(), after.gridCode(),
          after.lat(), after.lon(), after.title(), after.description(), after.source(),
          after.reporter(), after.state(), version, after.escalationLevel(), after.step(),
          after.due(), after.suspendedFrom(), after.suspendedAt(), after.createdAt(), now,
          after.acceptedAt(), after.closedAt());
    }
    return new Plan(at, events, lines, changes, escalations);
  }

  /** A checked sequence of moves not yet written ({@link #plan}). */
  record Plan(Incident after, List<IncidentEvent> events, List<AuditEntry> lines,
      List<IncidentChange> changes, List<Integer> escalations) {
    /** The plan of a new incident, planned before its insert gave it {@code id}. */
    Plan withIncidentId(long id) {
      return new Plan(after.withId(id),
          events.stream().map(e -> new IncidentEvent(id, e.seq(), e.at(), e.actor(), e.action(),
              e.fromState(), e.toState(), e.note(), e.detail())).toList(),
          lines.stream().map(l -> new AuditEntry(l.actor(), l.address(), l.action(),
              l.objectType(), Long.toString(id), l.outcome(), l.before(), l.after(), l.detail()))
              .toList(),
          changes.stream().map(c -> new IncidentChange(id, c.version(), c.gridCode(),
              c.category(), c.priority(), c.action(), c.from(), c.to(), c.actor(), c.note(),
              c.detail(), c.at())).toList(),
          escalations);
    }
  }

  /** The audit lines, metrics and listeners of a plan that has been written. */
  void published(Plan plan) {
    audit.recordAll(plan.lines());
    for (IncidentChange change : plan.changes()) {
      metrics.transition(change.action());
      for (IncidentChangeListener listener : listeners) {
        listener.onChange(change);
      }
    }
  }

  /** Tells the listeners of a new incident (action REPORT, from null), in the caller's transaction. */
  void reported(Incident created) {
    IncidentChange change = new IncidentChange(created.id(), created.version(),
        created.gridCode(), created.category(), created.priority(), IncidentAction.REPORT, null,
        created.state(), created.reporter(), null, null, created.createdAt());
    for (IncidentChangeListener listener : listeners) {
      listener.onChange(change);
    }
  }

  private static void checkGuard(Transition row, Incident current, Input input) {
    switch (row.guard()) {
      case NONE -> { }
      case NOTE_REQUIRED -> requireNote(row, input);
      case NOTE_AND_DURATION_REQUIRED -> {
        requireNote(row, input);
        if (input.duration() == null || input.duration().isNegative()
            || input.duration().isZero() || input.duration().compareTo(MAX_EXTENSION) > 0) {
          throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "duration: " + row.action()
              .pathName() + " needs a duration between 1s and 30d (e.g. 4h, 2d, PT30M), was "
              + input.duration());
        }
      }
      case BELOW_COUNTY -> {
        if (current.escalationLevel() >= Incident.COUNTY_LEVEL) {
          throw new ResponseStatusException(HttpStatus.CONFLICT, "incident " + current.id()
              + " is already at the county centre; it cannot be escalated further");
        }
      }
    }
  }

  private static void requireNote(Transition row, Input input) {
    if (input.note() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "note: required to "
          + row.action().pathName() + " (say why)");
    }
  }

  /** The incident after the transition: state, clocks, level, times. */
  private Incident next(Incident current, Transition row, Input input, WorkingTime time,
      Instant now) {
    IncidentState to = row.to() != null ? row.to() : current.suspendedFrom();
    StepClock step = current.step();
    StepClock due = current.due();
    IncidentState suspendedFrom = null;
    Instant suspendedAt = null;
    int level = current.escalationLevel();
    switch (row.action()) {
      case SUSPEND -> {
        step = step == null ? null : step.suspend(time, now);
        due = due == null ? null : due.suspend(time, now);
        suspendedFrom = current.state();
        suspendedAt = now;
      }
      case RESUME -> {
        step = step == null ? null : step.resume(time, now);
        due = due == null ? null : due.resume(time, now);
      }
      case EXTEND -> {
        step = step == null ? null : step.extend(time, now, input.duration());
        due = due == null ? null : due.extend(time, now, input.duration());
      }
      case ESCALATE -> {
        level++;
        // the next centre gets the step's whole limit again
        step = to.step().flatMap(s -> clock(current, s, time, now)).orElse(step);
      }
      default -> {
        if (to.isFinal()) {
          step = null;
        } else if (to.step().isPresent() && (row.action() == IncidentAction.REWORK
            || !to.step().equals(current.state().step()))) {
          step = clock(current, to.step().get(), time, now).orElse(null);
        }
      }
    }
    if (to == IncidentState.REGISTERED && due == null) {
      due = clock(current, Step.CASE, time, now).orElse(null);
    }
    if (to == IncidentState.VOIDED && due != null) {
      due = null; // a void is not a case that was due
    }
    Incident classified = current;
    if (row.action() == IncidentAction.CORRELATE && input.classification() != null) {
      Classification c = input.classification();
      classified = current.withClassification(c.category(), c.priority(), c.title());
      // a higher priority may shorten the limits; it never lengthens a running clock
      step = tighter(step, classified, time, now);
      due = tighter(due, classified, time, now);
    }
    Incident after = classified.with(to, step, due, suspendedFrom, suspendedAt).withLevel(level);
    Instant accepted = row.action() == IncidentAction.ACCEPT && current.acceptedAt() == null
        ? now : current.acceptedAt();
    Instant closed = to == IncidentState.CLOSED ? now : current.closedAt();
    return after.withTimes(accepted, closed);
  }

  /**
   * The clock of {@code running}'s step under {@code classified}'s limits, started when the
   * running one started, if that ends sooner; else the running one (also while suspended).
   */
  private StepClock tighter(StepClock running, Incident classified, WorkingTime time,
      Instant now) {
    if (running == null || running.deadline() == null) {
      return running;
    }
    return clock(classified, running.step(), time, now).map(fresh -> {
      // the time already used counts against the new limit when both are of one kind;
      // otherwise the new limit starts now
      StepClock shorter = fresh;
      if (fresh.kind() == running.kind()) {
        Duration used = running.limit().minus(time.between(now, running.deadline(),
            running.kind()));
        shorter = StepClock.running(time, running.step(), fresh.kind(), fresh.limit(),
            fresh.limit().minus(used), now);
      }
      return shorter.deadline().isBefore(running.deadline()) ? shorter : running;
    }).orElse(running);
  }

  /** A fresh clock for {@code step} from the limit table; empty if the table has no limit. */
  Optional<StepClock> clock(Incident incident, Step step, WorkingTime time, Instant now) {
    return catalog.limit(incident.category(), incident.priority(), step).map(limit ->
        StepClock.start(time, step, limit.kind(), time.budget(limit.kind(), limit.amount()), now));
  }

  private static String detail(Transition row, Incident after, Input input) {
    return switch (row.action()) {
      case EXTEND -> "extended by " + input.duration();
      case ESCALATE -> "level " + after.escalationLevel() + (after.escalationLevel() == 1
          ? " (town centre)" : " (county centre)");
      default -> input.detail();
    };
  }
}
