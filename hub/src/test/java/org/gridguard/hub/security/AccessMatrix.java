package org.gridguard.hub.security;

import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.GRID_MEMBER;
import static org.gridguard.hub.security.Role.PATROL;
import static org.gridguard.hub.security.Role.TECHNICIAN;
import static org.gridguard.hub.security.Role.VIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The role × endpoint table: for every endpoint of the hub, which roles get through and with
 * which status, where everyone else gets 403 and an anonymous caller 401 (or, on the console
 * chain, a redirect to the login page). Targets are chosen so a permitted call does no harm
 * (unknown ids → 404, invalid bodies → 400). {@link AccessMatrixContract} runs every row for every
 * role and checks that every handler mapping of the hub has a row.
 */
public final class AccessMatrix {
  public static final Set<Role> ALL = EnumSet.allOf(Role.class);
  public static final Set<Role> TECH = EnumSet.of(ADMIN, TECHNICIAN);
  public static final Set<Role> ADMIN_ONLY = EnumSet.of(ADMIN);
  public static final Set<Role> EVIDENCE = EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER, VIEWER);

  /**
   * What an anonymous caller gets; {@code CSRF_FORBIDDEN}: a console POST without a session and
   * CSRF token is refused 403 by the CSRF check before authentication is looked at.
   */
  public enum Anonymous { UNAUTHORIZED, LOGIN_REDIRECT, OPEN, CSRF_FORBIDDEN }

  /**
   * @param pattern the handler mapping's pattern (for the completeness check)
   * @param path the concrete path called
   * @param allowedStatus status for a permitted role
   */
  public record Row(String method, String pattern, String path, String body, Set<Role> allowed,
      int allowedStatus, Anonymous anonymous) {
    public Row {
      allowed = allowed.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(allowed);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  public static Row api(String method, String pattern, String path, String body,
      Set<Role> allowed, int status) {
    return new Row(method, pattern, path, body, allowed, status, Anonymous.UNAUTHORIZED);
  }

  public static Row api(String method, String path, String body, Set<Role> allowed, int status) {
    return api(method, path, path, body, allowed, status);
  }

  /** Rows of the security, gateway, grid, telemetry, evidence, audit and actuator endpoints. */
  static final List<Row> CORE = List.of(
      // sign-in: open to everyone; wrong credentials → 401 whoever asks
      new Row("POST", "/api/v1/auth/token", "/api/v1/auth/token",
          "{\"username\":\"nobody\",\"password\":\"wrong-password\"}", ALL, 401, Anonymous.OPEN),
      api("GET", "/api/v1/auth/me", null, ALL, 200),
      api("POST", "/api/v1/auth/password",
          "{\"currentPassword\":\"not-it\",\"newPassword\":\"something-new-1\"}", ALL, 400),
      api("POST", "/api/v1/auth/revoke", null, ALL, 204),
      // users
      api("GET", "/api/v1/users", null, ADMIN_ONLY, 200),
      api("GET", "/api/v1/users/{username}", "/api/v1/users/nobody", null, ADMIN_ONLY, 404),
      api("POST", "/api/v1/users", "{\"username\":\"x\"}", ADMIN_ONLY, 400),
      api("PUT", "/api/v1/users/{username}/roles", "/api/v1/users/nobody/roles",
          "{\"roles\":[\"VIEWER\"]}", ADMIN_ONLY, 404),
      api("PUT", "/api/v1/users/{username}/scope", "/api/v1/users/nobody/scope",
          "{\"globalScope\":true}", ADMIN_ONLY, 404),
      api("POST", "/api/v1/users/{username}/disable", "/api/v1/users/nobody/disable", null,
          ADMIN_ONLY, 404),
      api("POST", "/api/v1/users/{username}/enable", "/api/v1/users/nobody/enable", null,
          ADMIN_ONLY, 404),
      api("POST", "/api/v1/users/{username}/password-reset", "/api/v1/users/nobody/password-reset",
          null, ADMIN_ONLY, 404),
      api("POST", "/api/v1/users/{username}/tokens/revoke", "/api/v1/users/nobody/tokens/revoke",
          null, ADMIN_ONLY, 404),
      // gateways
      api("GET", "/api/v1/gateways", null, ALL, 200),
      api("GET", "/api/v1/gateways/{id}", "/api/v1/gateways/nope", null, ALL, 404),
      api("POST", "/api/v1/gateways", "{\"gatewayId\":\"x\"}", TECH, 400),
      api("POST", "/api/v1/gateways/{id}/revoke", "/api/v1/gateways/nope/revoke", null, TECH, 404),
      api("POST", "/api/v1/gateways/{id}/credential", "/api/v1/gateways/nope/credential", null,
          TECH, 404),
      // grids: read by everyone (scoped), changed by admins
      api("GET", "/api/v1/grids", null, ALL, 200),
      api("GET", "/api/v1/grids/{code}", "/api/v1/grids/999999", null, ALL, 404),
      api("GET", "/api/v1/grids/{code}/children", "/api/v1/grids/999999/children", null, ALL, 404),
      api("POST", "/api/v1/grids", "{}", ADMIN_ONLY, 400),
      api("PUT", "/api/v1/grids/{code}", "/api/v1/grids/999999", "{\"name\":\"x\"}",
          ADMIN_ONLY, 404),
      api("DELETE", "/api/v1/grids/{code}", "/api/v1/grids/999999", null, ADMIN_ONLY, 404),
      api("PUT", "/api/v1/grids/{code}/leader", "/api/v1/grids/999999/leader",
          "{\"username\":\"nobody\"}", ADMIN_ONLY, 404),
      api("PUT", "/api/v1/grids/{code}/members", "/api/v1/grids/999999/members",
          "{\"usernames\":[]}", ADMIN_ONLY, 404),
      api("POST", "/api/v1/grids/import", "/api/v1/grids/import?format=nonsense", "", ADMIN_ONLY,
          400),
      api("GET", "/api/v1/grids/export", "/api/v1/grids/export?format=csv", null,
          java.util.EnumSet.of(ADMIN, VIEWER, DISPATCHER), 200),
      // telemetry
      api("GET", "/api/v1/telemetry/{gatewayId}/{deviceId}/{metric}",
          "/api/v1/telemetry/nope/dev/level", null, ALL, 404),
      api("GET", "/api/v1/telemetry/dead-letters", null, TECH, 200),
      // records and evidence chunks that could not be stored (record.DeadLetterController)
      api("GET", "/api/v1/ingest/dead-letters", null, TECH, 200),
      // evidence: incident handlers, not technicians (privacy)
      api("GET", "/api/v1/evidence", null, EVIDENCE, 200),
      api("GET", "/api/v1/evidence/{gatewayId}/{evidenceId}", "/api/v1/evidence/nope/nope", null,
          EVIDENCE, 404),
      // audit
      api("GET", "/api/v1/audit", null, ADMIN_ONLY, 200),
      // actuator: health open (status only), the rest for operators
      new Row("GET", "/actuator/health", "/actuator/health", null, ALL, 200, Anonymous.OPEN),
      api("GET", "/actuator/prometheus", null, TECH, 200),
      api("GET", "/actuator/metrics", null, TECH, 200),
      // OpenAPI and its UI: signed-in users (console chain: anonymous → login page)
      new Row("GET", "/v3/api-docs", "/v3/api-docs", null, ALL, 200, Anonymous.LOGIN_REDIRECT),
      new Row("GET", "/swagger-ui.html", "/swagger-ui.html", null, ALL, 302,
          Anonymous.LOGIN_REDIRECT));

  /**
   * Every row: the core ones and each feature's own table (a feature package keeps its rows in
   * its test package, e.g. {@code incident.IncidentAccessRows.ROWS}, and is listed here).
   */
  static List<Row> rows() {
    // a method, not a field: the feature tables use this class's role sets, so a static field
    // here would make the two classes' initialisers depend on each other
    return concat(CORE, org.gridguard.hub.incident.IncidentAccessRows.ROWS,
        org.gridguard.hub.device.DeviceAccessRows.ROWS,
        org.gridguard.hub.maintenance.MaintenanceAccessRows.ROWS,
        org.gridguard.hub.alarm.AlarmAccessRows.ROWS,
        org.gridguard.hub.console.ConsoleAccessRows.ROWS,
        org.gridguard.hub.console.TechnicianAccessRows.ROWS,
        org.gridguard.hub.patrol.PatrolAccessRows.ROWS);
  }

  @SafeVarargs
  private static List<Row> concat(List<Row>... tables) {
    List<Row> all = new java.util.ArrayList<>();
    for (List<Row> t : tables) {
      all.addAll(t);
    }
    return List.copyOf(all);
  }

  /**
   * Handler mappings that are not endpoints of ours: Spring Boot's error page and springdoc's
   * internal config/resource mappings (reached only through the rows above).
   */
  static final Set<String> NOT_ENDPOINTS = Set.of("/error", "/v3/api-docs.yaml",
      "/v3/api-docs/swagger-config", "/v3/api-docs/{group}", "/v3/api-docs.yaml/{group}");

  private AccessMatrix() {}
}
