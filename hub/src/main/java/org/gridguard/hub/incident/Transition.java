package org.gridguard.hub.incident;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.gridguard.hub.security.Role;

/**
 * One row of the workflow table.
 *
 * @param to the state after; null only for RESUME, which returns to the state suspended from
 * @param roles the roles that may take it
 * @param system whether the hub itself may take it (fast path, sweep)
 */
record Transition(IncidentState from, IncidentAction action, IncidentState to, Set<Role> roles,
    boolean system, Guard guard) {
  Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(guard, "guard");
    if (to == null && action != IncidentAction.RESUME) {
      throw new IllegalArgumentException(action + " from " + from + ": only RESUME has no fixed target");
    }
    roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  boolean permits(Actor actor) {
    return actor.system() ? system : actor.roles().stream().anyMatch(roles::contains);
  }
}
