package org.gridguard.hub.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.security.GridScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Health rows: what the sweep reads (registry, signals, active fault alarms, current state) and
 * writes (one conditional UPDATE on the state row's version plus a history row with the new
 * version, UNIQUE — so racing sweepers on several instances record a transition once), and the
 * scoped reads of the API (scope on the device's grid, or the gateway's for a gateway).
 */
@Repository
class HealthRepository {
  /** The grid a health row belongs to: its device's, or its gateway's. */
  static final String GRID = "COALESCE(d.grid_code, g.grid_code)";

  record GatewayRow(String gatewayId, HealthRules.GatewayInput input) {}

  record DeviceRow(String gatewayId, String deviceId, HealthRules.DeviceInput input) {}

  record StateView(String gatewayId, String deviceId, Long registryId, String gridCode,
      HealthState state, String cause, Instant since, Instant checkedAt) {}

  record TransitionView(HealthState from, HealthState to, String cause, Instant at) {}

  private final JdbcTemplate jdbc;
  private final DeviceSettingsJson settings;
  private final TransactionTemplate tx;

  HealthRepository(JdbcTemplate jdbc, DeviceSettingsJson settings,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.tx = new TransactionTemplate(transactions);
  }

  List<GatewayRow> gateways(String after, int limit) {
    return jdbc.query("SELECT g.gateway_id, g.last_seen_at, g.session_closed_at, s.status, "
        + "s.status_detail, h.state, h.since, h.version FROM gateway g LEFT JOIN device_signal s "
        + "ON s.gateway_id = g.gateway_id AND s.device_id = '' LEFT JOIN health_state h ON "
        + "h.gateway_id = g.gateway_id AND h.device_id = '' WHERE g.gateway_id > ? "
        + "ORDER BY g.gateway_id LIMIT ?", (rs, i) -> new GatewayRow(rs.getString("gateway_id"),
            new HealthRules.GatewayInput(instant(rs, "last_seen_at"),
                instant(rs, "session_closed_at"), rs.getString("status"),
                rs.getString("status_detail"), current(rs))), after, limit);
  }

  /** Registered devices of the gateways in ({@code after}, {@code last}]. */
  List<DeviceRow> devices(String after, String last) {
    Map<String, List<HealthRules.Fault>> faults = new HashMap<>();
    List<String> types = new ArrayList<>(HealthRules.OFFLINE_FAULTS);
    types.addAll(HealthRules.DEGRADED_FAULTS);
    List<Object> args = new ArrayList<>(types);
    args.add(after);
    args.add(last);
    jdbc.query("SELECT gateway_id, device_id, type, first_at FROM alarm WHERE state = 'ACTIVE' "
        + "AND type IN (" + String.join(",", types.stream().map(t -> "?").toList()) + ") AND "
        + "gateway_id > ? AND gateway_id <= ? ORDER BY first_at", rs -> {
          faults.computeIfAbsent(rs.getString(1) + '\0' + rs.getString(2), k -> new ArrayList<>())
              .add(new HealthRules.Fault(rs.getString(3), rs.getTimestamp(4).toInstant()));
        }, args.toArray());
    return jdbc.query("SELECT d.gateway_id, d.device_id, d.kind, d.settings, d.created_at, "
        + "s.last_report_at, s.status, s.status_detail, s.status_at, h.state, h.since, h.version "
        + "FROM device d LEFT JOIN device_signal s ON s.gateway_id = d.gateway_id AND "
        + "s.device_id = d.device_id LEFT JOIN health_state h ON h.gateway_id = d.gateway_id AND "
        + "h.device_id = d.device_id WHERE d.gateway_id > ? AND d.gateway_id <= ? "
        + "ORDER BY d.gateway_id, d.device_id", (rs, i) -> {
          String gateway = rs.getString("gateway_id");
          String device = rs.getString("device_id");
          return new DeviceRow(gateway, device, new HealthRules.DeviceInput(
              instant(rs, "created_at"), interval(rs.getString("kind"), rs.getString("settings")),
              instant(rs, "last_report_at"), rs.getString("status"), rs.getString("status_detail"),
              instant(rs, "status_at"), faults.getOrDefault(gateway + '\0' + device, List.of()),
              current(rs)));
        }, after, last);
  }

  /** A device's expected reporting interval from its settings, or null (cameras, or none set). */
  private Duration interval(String kind, String stored) {
    try {
      DeviceSettings s = settings.read(DeviceKind.valueOf(kind), stored);
      String text = s instanceof SensorSettings sensor ? sensor.expectedInterval()
          : s instanceof DoorSettings door ? door.expectedInterval() : null;
      return text == null ? null : Checks.parseDuration(text, "expected_interval");
    } catch (RuntimeException e) {
      return null; // unreadable settings cannot happen through the API; health goes on
    }
  }

  /**
   * Records a transition from {@code current} (null: the first verdict) to {@code verdict}.
   *
   * @return false when another sweeper recorded one first (the state row moved on)
   */
  boolean transition(String gatewayId, String deviceId, HealthRules.Current current,
      HealthRules.Verdict verdict, Instant now) {
    Timestamp at = Timestamp.from(now);
    String cause = cut(verdict.cause());
    try {
      return Boolean.TRUE.equals(tx.execute(status -> {
        long version;
        if (current == null) {
          jdbc.update("INSERT INTO health_state (gateway_id, device_id, state, cause, since, "
              + "version, checked_at) VALUES (?, ?, ?, ?, ?, 1, ?)", gatewayId, deviceId,
              verdict.state().name(), cause, at, at);
          version = 1;
        } else {
          version = current.version() + 1;
          int n = jdbc.update("UPDATE health_state SET state = ?, cause = ?, since = ?, "
              + "version = ?, checked_at = ? WHERE gateway_id = ? AND device_id = ? AND "
              + "version = ? AND state = ?", verdict.state().name(), cause, at, version, at,
              gatewayId, deviceId, current.version(), current.state().name());
          if (n == 0) {
            return false;
          }
        }
        jdbc.update("INSERT INTO health_transition (gateway_id, device_id, version, from_state, "
            + "to_state, cause, at) VALUES (?, ?, ?, ?, ?, ?, ?)", gatewayId, deviceId, version,
            current == null ? null : current.state().name(), verdict.state().name(), cause, at);
        return true;
      }));
    } catch (DuplicateKeyException e) {
      return false;
    } catch (org.springframework.dao.ConcurrencyFailureException e) {
      return false; // PostgreSQL: the other sweeper's UPDATE of the row won
    }
  }

  private static final String VIEW = "SELECT h.gateway_id, h.device_id, d.id AS registry_id, "
      + GRID + " AS grid, h.state, h.cause, h.since, h.checked_at FROM health_state h "
      + "JOIN gateway g ON g.gateway_id = h.gateway_id LEFT JOIN device d ON "
      + "d.gateway_id = h.gateway_id AND d.device_id = h.device_id AND h.device_id <> '' ";

  private static StateView view(ResultSet rs, int i) throws SQLException {
    long id = rs.getLong("registry_id");
    return new StateView(rs.getString("gateway_id"), rs.getString("device_id"),
        rs.wasNull() ? null : id, rs.getString("grid"), HealthState.valueOf(rs.getString("state")),
        rs.getString("cause"), instant(rs, "since"), instant(rs, "checked_at"));
  }

  java.util.Optional<StateView> state(String gatewayId, String deviceId) {
    return jdbc.query(VIEW + "WHERE h.gateway_id = ? AND h.device_id = ?", HealthRepository::view,
        gatewayId, deviceId).stream().findFirst();
  }

  /** Health rows in {@code scope}, optionally of one state and kind, by key after {@code after}. */
  List<StateView> list(GridScope scope, HealthState state, Boolean gateways, String afterGateway,
      String afterDevice, int limit) {
    GridScope.SqlFilter inScope = scope.filter(GRID);
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder("WHERE (h.gateway_id > ? OR (h.gateway_id = ? AND "
        + "h.device_id > ?))");
    args.add(afterGateway);
    args.add(afterGateway);
    args.add(afterDevice);
    if (state != null) {
      where.append(" AND h.state = ?");
      args.add(state.name());
    }
    if (gateways != null) {
      where.append(gateways ? " AND h.device_id = ''" : " AND h.device_id <> '' AND d.id IS NOT NULL");
    }
    where.append(" AND ").append(inScope.condition());
    args.addAll(inScope.args());
    args.add(limit);
    return jdbc.query(VIEW + where + " ORDER BY h.gateway_id, h.device_id LIMIT ?",
        HealthRepository::view, args.toArray());
  }

  /** The newest {@code limit} transitions of one gateway or device. */
  List<TransitionView> history(String gatewayId, String deviceId, int limit) {
    return jdbc.query("SELECT from_state, to_state, cause, at FROM health_transition WHERE "
        + "gateway_id = ? AND device_id = ? ORDER BY version DESC LIMIT ?", (rs, i) ->
        new TransitionView(rs.getString(1) == null ? null : HealthState.valueOf(rs.getString(1)),
            HealthState.valueOf(rs.getString(2)), rs.getString(3), instant(rs, "at")),
        gatewayId, deviceId, limit);
  }

  /** How many devices of the gateway are in each state. */
  Map<String, Long> deviceCounts(String gatewayId) {
    Map<String, Long> out = new java.util.TreeMap<>();
    jdbc.query("SELECT state, COUNT(*) FROM health_state WHERE gateway_id = ? AND device_id <> '' "
        + "GROUP BY state", rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        }, gatewayId);
    return out;
  }

  private static HealthRules.Current current(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    return state == null ? null : new HealthRules.Current(HealthState.valueOf(state),
        instant(rs, "since"), rs.getLong("version"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static String cut(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500);
  }
}
