package org.gridguard.hub.maintenance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Order rows. One open order per subject by the UNIQUE {@code active_key} ({@code gw:<id>} or
 * {@code dev:<gateway>/<device>}), NULL once closed; closing is a conditional UPDATE on state.
 */
@Repository
class OrderRepository {
  /** A subject that needs an order. */
  record Candidate(String gatewayId, String deviceId, String gridCode, String kind,
      String cause) {
    String activeKey() {
      return deviceId.isEmpty() ? "gw:" + gatewayId : "dev:" + gatewayId + "/" + deviceId;
    }
  }

  private final JdbcTemplate jdbc;

  OrderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Not closed by a technician since the subject's current state began. */
  private static final String NOT_CLOSED_BY_HAND = "NOT EXISTS (SELECT 1 FROM maintenance_order o "
      + "WHERE o.gateway_id = h.gateway_id AND o.device_id = h.device_id AND "
      + "o.close_reason = 'TECHNICIAN' AND o.closed_at >= h.since)";
  private static final String NO_OPEN_GATEWAY_ORDER = "NOT EXISTS (SELECT 1 FROM "
      + "maintenance_order og WHERE og.active_key = CONCAT('gw:', h.gateway_id))";

  /** Gateways OFFLINE since {@code before}, or with an open outage; without an open order. */
  List<Candidate> gatewayCandidates(Instant before) {
    Timestamp t = Timestamp.from(before);
    List<Candidate> out = new ArrayList<>(jdbc.query("SELECT h.gateway_id, g.grid_code, h.cause "
        + "FROM health_state h JOIN gateway g ON g.gateway_id = h.gateway_id WHERE "
        + "h.device_id = '' AND h.state = 'OFFLINE' AND h.since <= ? AND " + NO_OPEN_GATEWAY_ORDER
        + " AND " + NOT_CLOSED_BY_HAND, (rs, i) -> new Candidate(rs.getString(1), "",
            rs.getString(2), "GATEWAY_OFFLINE", "gateway offline: " + rs.getString(3)), t));
    out.addAll(jdbc.query("SELECT a.gateway_id, a.grid_code, a.devices, a.first_at FROM "
        + "alarm_outage a WHERE a.active_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        + "maintenance_order og WHERE og.active_key = CONCAT('gw:', a.gateway_id))", (rs, i) ->
        new Candidate(rs.getString(1), "", rs.getString(2), "GATEWAY_OUTAGE", rs.getInt(3)
            + " devices lost at once since " + rs.getTimestamp(4).toInstant())));
    return out;
  }

  /**
   * Registered devices OFFLINE or DEGRADED since {@code before}, not because their gateway is
   * down, whose gateway has neither an open order nor an open outage, without an open order.
   */
  List<Candidate> deviceCandidates(Instant before, String gatewayCause) {
    return jdbc.query("SELECT h.gateway_id, h.device_id, d.grid_code, h.state, h.cause FROM "
        + "health_state h JOIN device d ON d.gateway_id = h.gateway_id AND "
        + "d.device_id = h.device_id WHERE h.device_id <> '' AND h.state <> 'ONLINE' AND "
        + "h.since <= ? AND h.cause <> ? AND " + NO_OPEN_GATEWAY_ORDER + " AND NOT EXISTS ("
        + "SELECT 1 FROM alarm_outage a WHERE a.gateway_id = h.gateway_id AND a.active_key IS "
        + "NOT NULL) AND NOT EXISTS (SELECT 1 FROM maintenance_order od WHERE od.active_key = "
        + "CONCAT('dev:', CONCAT(h.gateway_id, CONCAT('/', h.device_id)))) AND "
        + NOT_CLOSED_BY_HAND, (rs, i) -> new Candidate(rs.getString(1), rs.getString(2),
            rs.getString(3), "OFFLINE".equals(rs.getString(4)) ? "DEVICE_OFFLINE" : "DEVICE_FAULT",
            rs.getString(5)), Timestamp.from(before), gatewayCause);
  }

  /** @throws org.springframework.dao.DuplicateKeyException if the subject has an open order */
  long open(Candidate c, Instant now) {
    org.springframework.jdbc.support.GeneratedKeyHolder key =
        new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO maintenance_order (gateway_id, device_id, "
          + "grid_code, kind, active_key, state, cause, opened_at) VALUES (?, ?, ?, ?, ?, 'OPEN', "
          + "?, ?)", new String[] {"id"});
      ps.setString(1, c.gatewayId());
      ps.setString(2, c.deviceId());
      ps.setString(3, c.gridCode());
      ps.setString(4, c.kind());
      ps.setString(5, c.activeKey());
      ps.setString(6, c.cause().length() > 500 ? c.cause().substring(0, 500) : c.cause());
      ps.setTimestamp(7, Timestamp.from(now));
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  /** Open orders whose subject is healthy again (a gateway: ONLINE and no open outage). */
  List<Long> recovered() {
    return jdbc.queryForList("SELECT o.id FROM maintenance_order o JOIN health_state h ON "
        + "h.gateway_id = o.gateway_id AND h.device_id = o.device_id WHERE o.state = 'OPEN' AND "
        + "h.state = 'ONLINE' AND NOT (o.device_id = '' AND EXISTS (SELECT 1 FROM alarm_outage a "
        + "WHERE a.gateway_id = o.gateway_id AND a.active_key IS NOT NULL))", Long.class);
  }

  /** @return whether it was open (and is closed now, by this call) */
  boolean close(long id, String by, String reason, String note, Instant now) {
    return jdbc.update("UPDATE maintenance_order SET state = 'CLOSED', active_key = NULL, "
        + "closed_at = ?, closed_by = ?, close_reason = ?, close_note = ? WHERE id = ? AND "
        + "state = 'OPEN'", Timestamp.from(now), by, reason, note, id) == 1;
  }

  Optional<MaintenanceOrder> find(long id, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("t.grid_code");
    return jdbc.query("SELECT * FROM maintenance_order t WHERE t.id = ? AND "
        + inScope.condition(), OrderRepository::row, inScope.argsAfter(id)).stream().findFirst();
  }

  /** Newest first, ids below {@code before}. */
  List<MaintenanceOrder> list(GridScope scope, String state, String gatewayId, long before,
      int limit) {
    GridScope.SqlFilter inScope = scope.filter("t.grid_code");
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT * FROM maintenance_order t WHERE t.id < ?");
    args.add(before);
    if (state != null) {
      sql.append(" AND t.state = ?");
      args.add(state);
    }
    if (gatewayId != null) {
      sql.append(" AND t.gateway_id = ?");
      args.add(gatewayId);
    }
    sql.append(" AND ").append(inScope.condition()).append(" ORDER BY t.id DESC LIMIT ?");
    args.addAll(inScope.args());
    args.add(limit);
    return jdbc.query(sql.toString(), OrderRepository::row, args.toArray());
  }

  private static MaintenanceOrder row(ResultSet rs, int i) throws SQLException {
    Timestamp closed = rs.getTimestamp("closed_at");
    return new MaintenanceOrder(rs.getLong("id"), rs.getString("gateway_id"),
        rs.getString("device_id"), rs.getString("grid_code"), rs.getString("kind"),
        rs.getString("state"), rs.getString("cause"), rs.getTimestamp("opened_at").toInstant(),
        closed == null ? null : closed.toInstant(), rs.getString("closed_by"),
        rs.getString("close_reason"), rs.getString("close_note"));
  }
}
