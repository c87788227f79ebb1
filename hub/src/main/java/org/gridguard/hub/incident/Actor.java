package org.gridguard.hub.incident;

import java.util.Objects;
import java.util.Set;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;

/**
 * Who makes a transition: a signed-in user with roles, or the hub itself ({@code system}: the
 * P1 fast path, the escalation sweep), which may take exactly the rows marked {@code system}.
 */
record Actor(String name, Set<Role> roles, boolean system) {
  static final Actor SYSTEM = new Actor("system", Set.of(), true);

  Actor {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
  }

  static Actor of(HubPrincipal caller) {
    return new Actor(caller.username(), caller.roles(), false);
  }
}
