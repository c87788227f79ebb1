package org.gridguard.hub.alarm;

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
 * The alarm endpoints' rows of the access matrix. Permitted calls do no harm: unknown ids →
 * 404, missing parameters → 400.
 */
public final class AlarmAccessRows {
  /** Who reads alarms: everyone but technicians (their device view comes with the registry). */
  static final Set<Role> READERS = EnumSet.of(ADMIN, DISPATCHER, PATROL, GRID_MEMBER, VIEWER);
  static final Set<Role> CENTRE = EnumSet.of(ADMIN, DISPATCHER);
  private static final String NO_ALARM = "/api/v1/alarms/999999999";

  public static final List<AccessMatrix.Row> ROWS = List.of(
      api("GET", "/api/v1/alarms", null, READERS, 200),
      api("GET", "/api/v1/alarms/{id}", NO_ALARM, null, READERS, 404),
      api("POST", "/api/v1/alarms/{id}/ack", NO_ALARM + "/ack", null, CENTRE, 404),
      api("POST", "/api/v1/alarms/{id}/false", NO_ALARM + "/false", "{\"note\":\"x\"}", CENTRE,
          404),
      api("GET", "/api/v1/alarms/false-rates", "/api/v1/alarms/false-rates", null, READERS, 400),
      api("GET", "/api/v1/alarm-rules", null, READERS, 200));

  private AlarmAccessRows() {}
}
