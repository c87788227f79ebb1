package org.gridguard.hub.patrol;

import static org.gridguard.hub.security.AccessMatrix.api;
import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.PATROL;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.security.AccessMatrix;
import org.gridguard.hub.security.Role;

/**
 * The patrol endpoints' rows of the access matrix. Permitted calls do no harm: unknown ids → 404,
 * invalid bodies or parameters → 400, a photo that is not multipart → 415.
 */
public final class PatrolAccessRows {
  static final Set<Role> CENTRE = EnumSet.of(ADMIN, DISPATCHER);
  static final Set<Role> MEMBERS = EnumSet.of(ADMIN, PATROL);
  static final Set<Role> FEED = EnumSet.of(ADMIN, DISPATCHER, PATROL);
  private static final String NO_TEAM = "/api/v1/patrol/teams/999999999";
  private static final String NO_TASK = "/api/v1/patrol/tasks/999999999";

  public static final List<AccessMatrix.Row> ROWS = List.of(
      api("GET", "/api/v1/patrol/teams", null, CENTRE, 200),
      api("POST", "/api/v1/patrol/teams", "{}", CENTRE, 400),
      api("GET", "/api/v1/patrol/teams/{id}", NO_TEAM, null, CENTRE, 404),
      api("DELETE", "/api/v1/patrol/teams/{id}", NO_TEAM, null, CENTRE, 404),
      api("PUT", "/api/v1/patrol/teams/{id}/members", NO_TEAM + "/members",
          "{\"usernames\":[]}", CENTRE, 404),
      api("PUT", "/api/v1/patrol/teams/{id}/roster", NO_TEAM + "/roster", "{\"shifts\":[]}",
          CENTRE, 404),
      api("POST", "/api/v1/patrol/teams/{id}/changes", NO_TEAM + "/changes", "{}", CENTRE, 404),
      api("DELETE", "/api/v1/patrol/teams/{id}/changes/{changeId}", NO_TEAM + "/changes/1", null,
          CENTRE, 404),
      api("GET", "/api/v1/patrol/on-duty", "/api/v1/patrol/on-duty?grid=12", null, CENTRE, 400),
      api("POST", "/api/v1/patrol/dispatch", "{}", CENTRE, 400),
      api("GET", "/api/v1/patrol/incidents/{id}/tasks", "/api/v1/patrol/incidents/999999999/tasks",
          null, CENTRE, 404),
      api("GET", "/api/v1/patrol/feed", "/api/v1/patrol/feed?after=not-a-number", null, FEED,
          400),
      api("GET", "/api/v1/patrol/tasks", null, MEMBERS, 200),
      api("GET", "/api/v1/patrol/tasks/{id}", NO_TASK, null, MEMBERS, 404),
      api("POST", "/api/v1/patrol/tasks/{id}/delivered", NO_TASK + "/delivered", null, MEMBERS,
          404),
      api("POST", "/api/v1/patrol/tasks/{id}/accept", NO_TASK + "/accept", null, MEMBERS, 404),
      api("POST", "/api/v1/patrol/tasks/{id}/arrive", NO_TASK + "/arrive",
          "{\"lat\":30.0,\"lon\":120.0}", MEMBERS, 404),
      api("POST", "/api/v1/patrol/tasks/{id}/notes", NO_TASK + "/notes", "{\"text\":\"x\"}",
          MEMBERS, 404),
      api("POST", "/api/v1/patrol/tasks/{id}/photos", NO_TASK + "/photos", null, MEMBERS, 415),
      api("GET", "/api/v1/patrol/tasks/{id}/photos/{photoId}", NO_TASK + "/photos/1", null,
          AccessMatrix.EVIDENCE, 404),
      api("POST", "/api/v1/patrol/tasks/{id}/resolve", NO_TASK + "/resolve", "{\"note\":\"x\"}",
          MEMBERS, 404),
      api("POST", "/api/v1/patrol/tasks/{id}/return", NO_TASK + "/return", "{\"reason\":\"x\"}",
          MEMBERS, 404));

  private PatrolAccessRows() {}
}
