package org.gridguard.hub.console;

import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.GRID_MEMBER;
import static org.gridguard.hub.security.Role.PATROL;
import static org.gridguard.hub.security.Role.TECHNICIAN;
import static org.gridguard.hub.security.Role.VIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;

/**
 * The console's menu as one table: {@code (path, message key, roles, built)}. The same role sets
 * guard the pages ({@code @PreAuthorize} on the page controllers); an entry not built yet (the
 * patrol task feed) is a slot that stays hidden until its
 * feature lands — flip {@code built} and add the page.
 */
final class Navigation {
  /** Who reads incidents (as the REST API): everyone but technicians. */
  static final String READERS = "hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER','VIEWER')";
  static final String ACTORS = "hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER')";
  static final String EVALUATORS = "hasAnyRole('ADMIN','DISPATCHER','VIEWER')";
  static final String HANDLERS = "hasAnyRole('ADMIN','PATROL','GRID_MEMBER')";

  private static final Set<Role> TECH_READERS = EnumSet.of(ADMIN, TECHNICIAN, DISPATCHER, VIEWER);

  public record Entry(String path, String key, Set<Role> roles, boolean built) {
    public Entry {
      roles = EnumSet.copyOf(roles);
    }
  }

  static final List<Entry> ENTRIES = List.of(
      new Entry("/console/incidents", "nav.incidents",
          EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER, VIEWER), true),
      new Entry("/console/map", "nav.map", EnumSet.allOf(Role.class), true),
      new Entry("/console/evaluation", "nav.evaluation", EnumSet.of(ADMIN, DISPATCHER, VIEWER),
          true),
      // the technician screens (read-only for dispatchers and viewers, as the API)
      new Entry("/console/gateways", "nav.gateways", TECH_READERS, true),
      new Entry("/console/health", "nav.health", TECH_READERS, true),
      new Entry("/console/orders", "nav.orders", TECH_READERS, true),
      new Entry("/patrol", "nav.patrol", EnumSet.of(ADMIN, PATROL, GRID_MEMBER), true),
      // slots for the next features
      new Entry("/patrol/tasks", "nav.tasks", EnumSet.of(ADMIN, PATROL, GRID_MEMBER), false));

  private Navigation() {}

  /** The entries {@code user} sees. */
  static List<Entry> of(HubPrincipal user) {
    return ENTRIES.stream().filter(e -> e.built() && e.roles().stream().anyMatch(user::has))
        .toList();
  }

  /**
   * Where a user lands after signing in: the patrol page for patrols, the gateways for
   * technicians, else the first entry.
   */
  static String home(HubPrincipal user) {
    if ((user.has(PATROL) || user.has(GRID_MEMBER)) && !user.has(DISPATCHER)
        && !user.has(ADMIN)) {
      return "/patrol";
    }
    if (user.has(TECHNICIAN) && !user.has(DISPATCHER) && !user.has(ADMIN)) {
      return "/console/gateways";
    }
    return of(user).stream().findFirst().map(Entry::path).orElse("/console/map");
  }
}
