package org.gridguard.hub.maintenance;

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

/** Maintenance orders: technicians and admins close, dispatchers and viewers read too. */
public final class MaintenanceAccessRows {
  static final Set<Role> READERS = EnumSet.of(ADMIN, TECHNICIAN, DISPATCHER, VIEWER);
  private static final String NO_ORDER = "/api/v1/maintenance-orders/999999999";

  public static final List<AccessMatrix.Row> ROWS = List.of(
      api("GET", "/api/v1/maintenance-orders", "/api/v1/maintenance-orders?state=OPEN", null,
          READERS, 200),
      api("GET", "/api/v1/maintenance-orders/{id}", NO_ORDER, null, READERS, 404),
      api("POST", "/api/v1/maintenance-orders/{id}/close", NO_ORDER + "/close",
          "{\"note\":\"x\"}", TECH, 404));

  private MaintenanceAccessRows() {}
}
