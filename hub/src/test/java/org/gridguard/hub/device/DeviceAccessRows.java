package org.gridguard.hub.device;

import static org.gridguard.hub.security.AccessMatrix.TECH;
import static org.gridguard.hub.security.AccessMatrix.api;
import static org.gridguard.hub.security.Role.ADMIN;
import static org.gridguard.hub.security.Role.DISPATCHER;
import static org.gridguard.hub.security.Role.TECHNICIAN;
import static org.gridguard.hub.security.Role.VIEWER;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.security.AccessMatrix;
import org.gridguard.hub.security.Role;

/**
 * The device registry's rows of the access matrix: technicians and admins write, dispatchers and
 * viewers read. Permitted calls do no harm: unknown ids → 404, invalid bodies → 400.
 */
public final class DeviceAccessRows {
  static final Set<Role> READERS = EnumSet.of(ADMIN, TECHNICIAN, DISPATCHER, VIEWER);
  private static final String NO_GATEWAY = "/api/v1/gateways/nope";
  private static final String NO_DEVICE = "/api/v1/devices/999999999";

  public static final List<AccessMatrix.Row> ROWS = List.of(
      api("PUT", "/api/v1/gateways/{id}", NO_GATEWAY, "{}", TECH, 404),
      api("GET", "/api/v1/gateways/{id}/devices", NO_GATEWAY + "/devices", null, READERS, 404),
      api("POST", "/api/v1/gateways/{id}/devices", NO_GATEWAY + "/devices", "{}", TECH, 404),
      api("POST", "/api/v1/gateways/{id}/devices/import", NO_GATEWAY + "/devices/import", "",
          TECH, 404),
      api("GET", "/api/v1/gateways/{id}/devices/export", NO_GATEWAY + "/devices/export", null,
          READERS, 404),
      // the assembled edge configuration (may reveal stream credentials): technicians only
      api("GET", "/api/v1/gateways/{id}/config", NO_GATEWAY + "/config", null, TECH, 404),
      api("POST", "/api/v1/gateways/{id}/enrolment", NO_GATEWAY + "/enrolment", null, TECH, 404),
      // the code exchange is open (the edge has no credential yet); a malformed code → 400
      new AccessMatrix.Row("POST", "/api/v1/enrol", "/api/v1/enrol", "{}", AccessMatrix.ALL, 400,
          AccessMatrix.Anonymous.OPEN),
      api("GET", "/api/v1/devices/{id}", NO_DEVICE, null, READERS, 404),
      api("PUT", "/api/v1/devices/{id}", NO_DEVICE, "{}", TECH, 404),
      api("DELETE", "/api/v1/devices/{id}", NO_DEVICE, null, TECH, 404),
      // derived health: read-only
      api("GET", "/api/v1/gateways/{id}/health", NO_GATEWAY + "/health", null, READERS, 404),
      api("GET", "/api/v1/devices/{id}/health", NO_DEVICE + "/health", null, READERS, 404),
      api("GET", "/api/v1/health", "/api/v1/health?state=OFFLINE", null, READERS, 200),
      // the pushed configuration: its status for readers of the config (not dispatchers)
      api("GET", "/api/v1/gateways/{id}/config/status", NO_GATEWAY + "/config/status", null,
          EnumSet.of(ADMIN, TECHNICIAN, VIEWER), 404),
      api("POST", "/api/v1/gateways/{id}/config/push", NO_GATEWAY + "/config/push", null, TECH,
          404),
      // camera preview: technicians installing the camera (every view audited)
      api("POST", "/api/v1/devices/{id}/snapshot", NO_DEVICE + "/snapshot", null, TECH, 404),
      api("GET", "/api/v1/devices/{id}/preview", NO_DEVICE + "/preview", null, TECH, 404),
      // the edge profile (mapping presets and rules, device-type rules): registry readers read
      // it, technicians change it; the preset list is static
      api("GET", "/api/v1/edge/mapping-presets", "/api/v1/edge/mapping-presets", null, READERS,
          200),
      api("GET", "/api/v1/gateways/{id}/edge-profile", NO_GATEWAY + "/edge-profile", null,
          READERS, 404),
      api("PUT", "/api/v1/gateways/{id}/edge-profile", NO_GATEWAY + "/edge-profile", "{}", TECH,
          404));

  private DeviceAccessRows() {}
}
