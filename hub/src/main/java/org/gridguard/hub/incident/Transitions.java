package org.gridguard.hub.incident;

import static org.gridguard.hub.incident.IncidentAction.ACCEPT;
import static org.gridguard.hub.incident.IncidentAction.CHECK;
import static org.gridguard.hub.incident.IncidentAction.CLOSE;
import static org.gridguard.hub.incident.IncidentAction.DISPATCH;
import static org.gridguard.hub.incident.IncidentAction.ESCALATE;
import static org.gridguard.hub.incident.IncidentAction.EXTEND;
import static org.gridguard.hub.incident.IncidentAction.CORRELATE;
import static org.gridguard.hub.incident.IncidentAction.MERGE;
import static org.gridguard.hub.incident.IncidentAction.MERGED;
import static org.gridguard.hub.incident.IncidentAction.REGISTER;
import static org.gridguard.hub.incident.IncidentAction.RESOLVE;
import static org.gridguard.hub.incident.IncidentAction.RESUME;
import static org.gridguard.hub.incident.IncidentAction.RETURN;
import static org.gridguard.hub.incident.IncidentAction.REWORK;
import static org.gridguard.hub.incident.IncidentAction.START;
import static org.gridguard.hub.incident.IncidentAction.SUSPEND;
import static org.gridguard.hub.incident.IncidentAction.VERIFY;
import static org.gridguard.hub.incident.IncidentAction.VOID;
import static org.gridguard.hub.incident.IncidentState.ACCEPTED;
import static org.gridguard.hub.incident.IncidentState.CHECKING;
import static org.gridguard.hub.incident.IncidentState.CLOSED;
import static org.gridguard.hub.incident.IncidentState.DISPATCHED;
import static org.gridguard.hub.incident.IncidentState.IN_PROGRESS;
import static org.gridguard.hub.incident.IncidentState.REGISTERED;
import static org.gridguard.hub.incident.IncidentState.REPORTED;
import static org.gridguard.hub.incident.IncidentState.RESOLVED;
import static org.gridguard.hub.incident.IncidentState.SUSPENDED;
import static org.gridguard.hub.incident.IncidentState.VERIFYING;
import static org.gridguard.hub.incident.IncidentState.VOIDED;
import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.GRID_MEMBER;
import static org.gridguard.hub.security.Role.PATROL;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridguard.hub.security.Role;

/**
 * The workflow, as one table: {@code (from, action, to, roles, system, guard)}. Nothing else
 * decides what may happen to an incident; {@code TransitionsTableIT} walks the same table.
 *
 * <p>Dispatchers (值班长/派遣员) verify, register, dispatch, check, close, void, suspend, resume,
 * extend and escalate; patrols and grid members (处置) accept, start, report back and return;
 * ADMIN may do everything; VIEWER and TECHNICIAN only read. The hub itself (system) registers and
 * dispatches P1 life-safety incidents at once, escalates overdue ones and joins correlated
 * alarms to open incidents.
 */
final class Transitions {
  private static final Set<Role> CENTRE = EnumSet.of(DISPATCHER, ADMIN);
  private static final Set<Role> HANDLER = EnumSet.of(PATROL, GRID_MEMBER, ADMIN);
  /** States a clock runs in. */
  static final Set<IncidentState> OPEN = EnumSet.of(REPORTED, VERIFYING, REGISTERED, DISPATCHED,
      ACCEPTED, IN_PROGRESS, RESOLVED, CHECKING);
  /** States that can be suspended (and resumed into). */
  static final Set<IncidentState> SUSPENDABLE =
      EnumSet.of(REGISTERED, DISPATCHED, ACCEPTED, IN_PROGRESS);

  static final List<Transition> TABLE = build();

  private Transitions() {}

  private static List<Transition> build() {
    List<Transition> t = new ArrayList<>();
    t.add(row(REPORTED, VERIFY, VERIFYING, CENTRE, false, Guard.NONE));
    t.add(row(VERIFYING, REGISTER, REGISTERED, CENTRE, false, Guard.NONE));
    // the P1 fast path: registered at once by the hub, verification in parallel
    t.add(row(REPORTED, REGISTER, REGISTERED, Set.of(), true, Guard.NONE));
    // 误报/作废, also after a fast-path dispatch when verification finds a false alarm
    for (IncidentState from : List.of(REPORTED, VERIFYING, REGISTERED, DISPATCHED)) {
      t.add(row(from, VOID, VOIDED, CENTRE, false, Guard.NOTE_REQUIRED));
    }
    t.add(row(REGISTERED, DISPATCH, DISPATCHED, CENTRE, true, Guard.NONE));
    t.add(row(DISPATCHED, ACCEPT, ACCEPTED, HANDLER, false, Guard.NONE));
    t.add(row(ACCEPTED, START, IN_PROGRESS, HANDLER, false, Guard.NONE));
    t.add(row(IN_PROGRESS, RESOLVE, RESOLVED, HANDLER, false, Guard.NOTE_REQUIRED));
    t.add(row(RESOLVED, CHECK, CHECKING, CENTRE, false, Guard.NONE));
    t.add(row(CHECKING, CLOSE, CLOSED, CENTRE, false, Guard.NONE));
    t.add(row(CHECKING, REWORK, DISPATCHED, CENTRE, false, Guard.NOTE_REQUIRED));
    // the handler refuses, saying why; the centre dispatches again
    t.add(row(DISPATCHED, RETURN, REGISTERED, HANDLER, false, Guard.NOTE_REQUIRED));
    t.add(row(ACCEPTED, RETURN, REGISTERED, HANDLER, false, Guard.NOTE_REQUIRED));
    for (IncidentState from : SUSPENDABLE) {
      t.add(row(from, SUSPEND, SUSPENDED, CENTRE, false, Guard.NOTE_REQUIRED));
    }
    t.add(row(SUSPENDED, RESUME, null, CENTRE, false, Guard.NONE));
    for (IncidentState from : OPEN) {
      t.add(row(from, ESCALATE, from, CENTRE, true, Guard.BELOW_COUNTY));
      t.add(row(from, EXTEND, from, CENTRE, false, Guard.NOTE_AND_DURATION_REQUIRED));
      t.add(row(from, MERGE, from, CENTRE, false, Guard.NONE));
      t.add(row(from, MERGED, VOIDED, CENTRE, false, Guard.NONE));
      // a correlated alarm joins an open incident (the hub only)
      t.add(row(from, CORRELATE, from, Set.of(), true, Guard.NONE));
    }
    t.add(row(SUSPENDED, CORRELATE, SUSPENDED, Set.of(), true, Guard.NONE));
    return checked(t);
  }

  private static Transition row(IncidentState from, IncidentAction action, IncidentState to,
      Set<Role> roles, boolean system, Guard guard) {
    return new Transition(from, action, to, roles, system, guard);
  }

  /** No actor may have two rows for one (from, action): the table must be unambiguous. */
  private static List<Transition> checked(List<Transition> rows) {
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        Transition a = rows.get(i);
        Transition b = rows.get(j);
        if (a.from() == b.from() && a.action() == b.action() && ((a.system() && b.system())
            || a.roles().stream().anyMatch(b.roles()::contains))) {
          throw new IllegalStateException("two rows for " + a.from() + " " + a.action());
        }
      }
    }
    return List.copyOf(rows);
  }

  /** The row for {@code action} from {@code from} that {@code actor} may take. */
  static Optional<Transition> find(IncidentState from, IncidentAction action, Actor actor) {
    return TABLE.stream().filter(t -> t.from() == from && t.action() == action && t.permits(actor))
        .findFirst();
  }

  /** Whether {@code actor} may take {@code action} from some state. */
  static boolean everPermitted(IncidentAction action, Actor actor) {
    return TABLE.stream().anyMatch(t -> t.action() == action && t.permits(actor));
  }

  /** The states {@code action} can be taken from by {@code actor}, for error messages. */
  static List<IncidentState> statesFor(IncidentAction action, Actor actor) {
    return TABLE.stream().filter(t -> t.action() == action && t.permits(actor))
        .map(Transition::from).distinct().toList();
  }

  /** The actions by path name {@code actor} may take now, for the incident view. */
  static List<String> available(IncidentState state, Actor actor) {
    return TABLE.stream().filter(t -> t.from() == state && t.action().viaActionPath()
        && t.permits(actor)).map(t -> t.action().pathName()).distinct().toList();
  }
}
