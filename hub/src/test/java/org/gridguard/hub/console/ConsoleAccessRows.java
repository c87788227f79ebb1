package org.gridguard.hub.console;

import static org.gridguard.hub.security.AccessMatrix.ALL;
import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.GRID_MEMBER;
import static org.gridguard.hub.security.Role.PATROL;
import static org.gridguard.hub.security.Role.TECHNICIAN;
import static org.gridguard.hub.security.Role.VIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.security.AccessMatrix;
import org.gridguard.hub.security.AccessMatrix.Anonymous;
import org.gridguard.hub.security.AccessMatrix.Row;
import org.gridguard.hub.security.Role;

/**
 * The console's and patrol page's rows of the access matrix: the same role sets as the REST API
 * (incident readers, actors, evaluators, handlers). Anonymous callers are sent to the sign-in page;
 * an anonymous POST is refused 403 by the CSRF check before anything else.
 */
public final class ConsoleAccessRows {
  static final Set<Role> READERS = EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER, VIEWER);
  static final Set<Role> ACTORS = EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER);
  static final Set<Role> EVALUATORS = EnumSet.of(ADMIN, DISPATCHER, VIEWER);
  static final Set<Role> HANDLERS = EnumSet.of(ADMIN, PATROL, GRID_MEMBER);
  /** Who may read the device registry (the map's device layer; as DeviceController.READERS). */
  static final Set<Role> DEVICE_READERS = EnumSet.of(ADMIN, TECHNICIAN, DISPATCHER, VIEWER);
  /** Who has patrol tasks (the phone's task part; as the REST API's task endpoints). */
  static final Set<Role> MEMBERS = EnumSet.of(ADMIN, PATROL);
  private static final String NO_TASK = "/patrol/api/tasks/999999999";
  private static final String NO_INCIDENT = "999999999";
  private static final String PERIOD = "?level=grid&code=999999&from=2025-01-01&to=2025-01-31";

  private static Row page(String pattern, String path, Set<Role> allowed, int status) {
    return new Row("GET", pattern, path, null, allowed, status, Anonymous.LOGIN_REDIRECT);
  }

  private static Row post(String pattern, String path, Set<Role> allowed, int status) {
    return new Row("POST", pattern, path, null, allowed, status, Anonymous.CSRF_FORBIDDEN);
  }

  public static final List<Row> ROWS = List.of(
      new Row("GET", "/login", "/login", null, ALL, 200, Anonymous.OPEN),
      page("/", "/", ALL, 302),
      page("/console/incidents", "/console/incidents", READERS, 200),
      page("/console/incidents/{id}", "/console/incidents/" + NO_INCIDENT, READERS, 404),
      post("/console/incidents/{id}/act", "/console/incidents/" + NO_INCIDENT + "/act?action=verify",
          ACTORS, 404),
      page("/console/evidence/{gatewayId}/{evidenceId}", "/console/evidence/no-gw/no-item",
          READERS, 404),
      page("/console/feed", "/console/feed", READERS, 200),
      page("/console/map", "/console/map", ALL, 200),
      page("/console/map/grids.json", "/console/map/grids.json", ALL, 200),
      page("/console/map/incidents.json", "/console/map/incidents.json", READERS, 200),
      page("/console/map/devices.json", "/console/map/devices.json", DEVICE_READERS, 200),
      page("/console/evaluation", "/console/evaluation", EVALUATORS, 200),
      page("/console/evaluation/figures", "/console/evaluation/figures" + PERIOD, EVALUATORS, 404),
      page("/console/evaluation.csv", "/console/evaluation.csv" + PERIOD, EVALUATORS, 404),
      page("/patrol", "/patrol", HANDLERS, 200),
      page("/patrol/incidents/{id}", "/patrol/incidents/" + NO_INCIDENT, HANDLERS, 404),
      post("/patrol/incidents/{id}/act", "/patrol/incidents/" + NO_INCIDENT + "/act?action=accept",
          HANDLERS, 404),
      // the phone's task part: its feed (a bad sequence: 400 without opening a stream), its data and
      // actions; an action without its Idempotency-Key is refused 400 before the task is looked up
      page("/patrol/feed", "/patrol/feed?after=not-a-number", MEMBERS, 400),
      page("/patrol/api/tasks", "/patrol/api/tasks", MEMBERS, 200),
      page("/patrol/api/tasks/{id}", NO_TASK, MEMBERS, 404),
      post("/patrol/api/tasks/{id}/delivered", NO_TASK + "/delivered", MEMBERS, 400),
      post("/patrol/api/tasks/{id}/accept", NO_TASK + "/accept", MEMBERS, 400),
      post("/patrol/api/tasks/{id}/arrive", NO_TASK + "/arrive", MEMBERS, 400),
      post("/patrol/api/tasks/{id}/notes", NO_TASK + "/notes", MEMBERS, 400),
      post("/patrol/api/tasks/{id}/photos", NO_TASK + "/photos", MEMBERS, 400),
      post("/patrol/api/tasks/{id}/resolve", NO_TASK + "/resolve", MEMBERS, 400),
      post("/patrol/api/tasks/{id}/return", NO_TASK + "/return", MEMBERS, 400),
      post("/console/sign-out-everywhere", "/console/sign-out-everywhere", ALL, 302),
      page("/console/password", "/console/password", ALL, 200),
      // no current password: the form is shown again with the problem (nothing changes)
      post("/console/password", "/console/password", ALL, 200));

  private ConsoleAccessRows() {}
}
