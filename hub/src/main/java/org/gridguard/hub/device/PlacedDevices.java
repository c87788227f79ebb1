package org.gridguard.hub.device;

import java.util.List;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The registered devices with a place (lat/lon) in a grid scope, each with its current health:
 * one query, the scope in its SQL, at most {@code limit} rows (the map's device layer).
 */
@Repository
class PlacedDevices {
  private final JdbcTemplate jdbc;

  PlacedDevices(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Up to {@code limit} placed devices in {@code scope}, by gateway and device id, and whether
   * there were more.
   */
  DeviceConsole.PlacedList placed(GridScope scope, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    GridScope.SqlFilter inScope = scope.filter("d.grid_code");
    List<DeviceConsole.Placed> rows = jdbc.query("SELECT d.id, d.device_id, d.name, d.kind, "
        + "d.gateway_id, d.grid_code, d.lat, d.lon, h.state FROM device d "
        + "LEFT JOIN health_state h ON h.gateway_id = d.gateway_id AND h.device_id = d.device_id "
        + "WHERE d.lat IS NOT NULL AND d.lon IS NOT NULL AND " + inScope.condition()
        + " ORDER BY d.gateway_id, d.device_id LIMIT ?",
        (rs, i) -> new DeviceConsole.Placed(rs.getLong("id"), rs.getString("device_id"),
            rs.getString("name"), DeviceKind.valueOf(rs.getString("kind")),
            rs.getString("gateway_id"), rs.getString("grid_code"), rs.getDouble("lat"),
            rs.getDouble("lon"), rs.getString("state") == null ? null
                : HealthState.valueOf(rs.getString("state"))),
        inScope.argsAfterThen(new Object[0], limit + 1));
    boolean cut = rows.size() > limit;
    return new DeviceConsole.PlacedList(cut ? rows.subList(0, limit) : rows, cut);
  }
}
