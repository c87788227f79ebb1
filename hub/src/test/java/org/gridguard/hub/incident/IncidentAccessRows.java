package org.gridguard.hub.incident;

import static org.gridguard.hub.security.AccessMatrix.ADMIN_ONLY;
import static org.gridguard.hub.security.AccessMatrix.ALL;
import static org.gridguard.hub.security.AccessMatrix.api;
import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.GRID_MEMBER;
import static org.gridguard.hub.security.Role.PATROL;
import static org.gridguard.hub.security.Role.VIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.security.AccessMatrix;
import org.gridguard.hub.security.Role;

/**
 * The incident, calendar, limit and evaluation endpoints' rows of the access matrix. Permitted
 * calls do no harm: unknown ids → 404, invalid bodies or parameters → 400.
 */
public final class IncidentAccessRows {
  /** Who reads incidents: everyone but technicians (devices, not cases). */
  static final Set<Role> READERS = EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER, VIEWER);
  static final Set<Role> ACTORS = EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER);
  static final Set<Role> REPORTERS = EnumSet.of(ADMIN, DISPATCHER, GRID_MEMBER);
  static final Set<Role> CENTRE = EnumSet.of(ADMIN, DISPATCHER);
  static final Set<Role> EVALUATORS = EnumSet.of(ADMIN, DISPATCHER, VIEWER);
  private static final String NO_INCIDENT = "/api/v1/incidents/999999999";
  private static final String PERIOD = "?level=grid&code=999999&from=2025-01-01&to=2025-01-31";

  public static final List<AccessMatrix.Row> ROWS = List.of(
      api("GET", "/api/v1/incidents", null, READERS, 200),
      api("GET", "/api/v1/incidents/{id}", NO_INCIDENT, null, READERS, 404),
      api("GET", "/api/v1/incidents/{id}/events", NO_INCIDENT + "/events", null, READERS, 404),
      api("POST", "/api/v1/incidents", "{}", REPORTERS, 400),
      api("POST", "/api/v1/incidents/{id}/{action}", NO_INCIDENT + "/verify",
          "{\"note\":\"x\"}", ACTORS, 404),
      api("POST", "/api/v1/incidents/{id}/merge", NO_INCIDENT + "/merge", "{\"otherId\":1}",
          CENTRE, 404),
      api("GET", "/api/v1/incident-categories", null, ALL, 200),
      api("GET", "/api/v1/incident-limits", null, ALL, 200),
      api("PUT", "/api/v1/incident-limits", "{}", ADMIN_ONLY, 400),
      api("GET", "/api/v1/calendar", "/api/v1/calendar?year=2025", null, ALL, 200),
      api("PUT", "/api/v1/calendar/{date}", "/api/v1/calendar/not-a-date",
          "{\"kind\":\"HOLIDAY\"}", ADMIN_ONLY, 400),
      api("DELETE", "/api/v1/calendar/{date}", "/api/v1/calendar/2199-01-01", null, ADMIN_ONLY,
          404),
      api("POST", "/api/v1/calendar/import", "/api/v1/calendar/import?format=nonsense", "",
          ADMIN_ONLY, 400),
      api("PUT", "/api/v1/calendar/work-periods", "{}", ADMIN_ONLY, 400),
      api("GET", "/api/v1/evaluation", "/api/v1/evaluation" + PERIOD, null, EVALUATORS, 404),
      api("GET", "/api/v1/evaluation.csv", "/api/v1/evaluation.csv" + PERIOD, null, EVALUATORS,
          404));

  private IncidentAccessRows() {}
}
