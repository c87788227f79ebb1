package org.gridguard.hub.console;

import static org.gridguard.hub.security.AccessMatrix.TECH;
import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.TECHNICIAN;
import static org.gridguard.hub.security.Role.VIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.security.AccessMatrix.Anonymous;
import org.gridguard.hub.security.AccessMatrix.Row;
import org.gridguard.hub.security.Role;

/**
 * The technician screens' rows of the access matrix: the device API's role sets (technicians and
 * admins write; dispatchers and viewers read; patrols and grid members get nothing). Targets do
 * no harm: an unknown gateway, device, order or import → 404; a registration without fields → 400.
 */
public final class TechnicianAccessRows {
  static final Set<Role> READERS = EnumSet.of(ADMIN, TECHNICIAN, DISPATCHER, VIEWER);
  private static final String NO_GATEWAY = "/console/gateways/nope";
  private static final String NO_DEVICE = "/console/devices/999999999";

  private static Row page(String pattern, String path, Set<Role> allowed, int status) {
    return new Row("GET", pattern, path, null, allowed, status, Anonymous.LOGIN_REDIRECT);
  }

  private static Row post(String pattern, String path, Set<Role> allowed, int status) {
    return new Row("POST", pattern, path, null, allowed, status, Anonymous.CSRF_FORBIDDEN);
  }

  public static final List<Row> ROWS = List.of(
      page("/console/gateways", "/console/gateways", READERS, 200),
      post("/console/gateways", "/console/gateways", TECH, 400),
      page("/console/gateways/{id}", NO_GATEWAY, READERS, 404),
      post("/console/gateways/{id}/enrolment", NO_GATEWAY + "/enrolment?confirm=yes", TECH, 404),
      post("/console/gateways/{id}/revoke", NO_GATEWAY + "/revoke?confirm=yes", TECH, 404),
      page("/console/gateways/{id}/devices/new", NO_GATEWAY + "/devices/new", TECH, 404),
      post("/console/gateways/{id}/devices", NO_GATEWAY + "/devices?kind=DOOR&deviceId=d1", TECH,
          404),
      page("/console/gateways/{id}/import", NO_GATEWAY + "/import", TECH, 404),
      post("/console/gateways/{id}/devices/import", NO_GATEWAY + "/devices/import", TECH, 404),
      page("/console/gateways/{id}/devices/export", NO_GATEWAY + "/devices/export", READERS, 404),
      page("/console/imports/{job}", "/console/imports/nope", TECH, 404),
      page("/console/devices/{id}", NO_DEVICE, READERS, 404),
      page("/console/devices/{id}/edit", NO_DEVICE + "/edit", TECH, 404),
      post("/console/devices/{id}", NO_DEVICE + "?kind=DOOR&deviceId=d1", TECH, 404),
      page("/console/devices/{id}/telemetry.json", NO_DEVICE + "/telemetry.json", READERS, 404),
      post("/console/devices/{id}/snapshot", NO_DEVICE + "/snapshot", TECH, 404),
      page("/console/devices/{id}/preview", NO_DEVICE + "/preview", TECH, 404),
      page("/console/health", "/console/health", READERS, 200),
      page("/console/orders", "/console/orders", READERS, 200),
      post("/console/orders/{id}/close", "/console/orders/999999999/close?note=x", TECH, 404),
      page("/console/gateways/{id}/edge-profile", NO_GATEWAY + "/edge-profile", READERS, 404),
      page("/console/gateways/{id}/edge-profile/state", NO_GATEWAY + "/edge-profile/state",
          READERS, 404),
      post("/console/gateways/{id}/edge-profile", NO_GATEWAY + "/edge-profile", TECH, 404));

  private TechnicianAccessRows() {}
}
