package org.gridguard.hub.alarm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Reads of alarms for callers: every query carries the caller's scope on {@code a.grid_code}
 * in its SQL, so an alarm outside it is absent (404), never filtered in memory.
 */
@Repository
class AlarmReads {
  private static final String COLUMNS = "a.id, a.gateway_id, a.device_id, a.type, a.zone, "
      + "a.category, a.priority, a.grid_code, a.lat, a.lon, a.first_at, a.last_at, a.end_at, "
      + "a.occurrences, a.evidence_ids, a.edge_alarm_ids, a.rule, a.detail, a.state, a.acked_by, "
      + "a.acked_at, a.false_by, a.false_at, a.false_note, a.incident_id, a.incident_note, "
      + "a.correlation, a.outage_id";
  private static final RowMapper<AlarmView> ROW = AlarmReads::row;

  private final JdbcTemplate jdbc;

  AlarmReads(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<AlarmView> find(long id, GridScope scope) {
    GridScope.SqlFilter f = scope.filter("a.grid_code");
    return jdbc.query("SELECT " + COLUMNS + " FROM alarm a WHERE a.id = ? AND " + f.condition(),
        ROW, f.argsAfter(id)).stream().findFirst();
  }

  AlarmView.Page list(GridScope scope, AlarmQuery q) {
    GridScope.SqlFilter f = scope.filter("a.grid_code");
    StringBuilder where = new StringBuilder(" WHERE ").append(f.condition());
    List<Object> args = new ArrayList<>(f.args());
    if (q.state() != null) {
      where.append(" AND a.state = ?");
      args.add(q.state());
    }
    if (q.type() != null) {
      where.append(" AND a.type = ?");
      args.add(q.type());
    }
    if (q.priority() != null) {
      where.append(" AND a.priority = ?");
      args.add(q.priority());
    }
    if (q.gatewayId() != null) {
      where.append(" AND a.gateway_id = ?");
      args.add(q.gatewayId());
    }
    if (q.grid() != null) {
      where.append(" AND a.grid_code LIKE ?");
      args.add(q.grid() + "%");
    }
    if (q.incidentId() != null) {
      where.append(" AND a.incident_id = ?");
      args.add(q.incidentId());
    }
    if (q.from() != null) {
      where.append(" AND a.first_at >= ?");
      args.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      where.append(" AND a.first_at < ?");
      args.add(Timestamp.from(q.to()));
    }
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM alarm a" + where, Long.class,
        args.toArray());
    List<Object> page = new ArrayList<>(args);
    page.add(q.size());
    page.add((long) q.page() * q.size());
    List<AlarmView> items = jdbc.query("SELECT " + COLUMNS + " FROM alarm a" + where
        + " ORDER BY a.last_at DESC, a.id DESC LIMIT ? OFFSET ?", ROW, page.toArray());
    return new AlarmView.Page(items, total == null ? 0 : total, q.page(), q.size());
  }

  List<AlarmView.HistoryView> history(long alarmId, int limit) {
    return jdbc.query("SELECT at, action, actor, edge_alarm_id, capture_at, note FROM "
        + "alarm_history WHERE alarm_id = ? ORDER BY id DESC LIMIT ?", (rs, n) ->
        new AlarmView.HistoryView(instant(rs, 1), rs.getString(2), rs.getString(3),
            rs.getString(4), instant(rs, 5), rs.getString(6)), alarmId, limit);
  }

  Map<String, Long> stormCounts(long alarmId) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.query("SELECT type, n FROM alarm_storm_count WHERE alarm_id = ? ORDER BY type",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        }, alarmId);
    return out;
  }

  /**
   * False-alarm rates of the alarms that began in [from, to) in scope, per device and per type
   * (storm summaries left out: they are not alarms of a device), at most {@code limit} device
   * rows, most false alarms first.
   */
  AlarmView.FalseRates falseRates(GridScope scope, Instant from, Instant to, int limit) {
    GridScope.SqlFilter f = scope.filter("a.grid_code");
    String where = " FROM alarm a WHERE " + f.condition() + " AND a.type <> 'STORM' AND "
        + "a.first_at >= ? AND a.first_at < ?";
    Object[] args = f.argsAfterThen(new Object[0], Timestamp.from(from), Timestamp.from(to));
    String counts = "COUNT(*), SUM(CASE WHEN a.false_at IS NULL THEN 0 ELSE 1 END)";
    List<Object> deviceArgs = new ArrayList<>(List.of(args));
    deviceArgs.add(limit);
    List<AlarmView.Rate> devices = jdbc.query("SELECT a.gateway_id, a.device_id, " + counts
        + where + " GROUP BY a.gateway_id, a.device_id ORDER BY 4 DESC, 3 DESC, 1, 2 LIMIT ?",
        (rs, n) -> rate(rs.getString(1), rs.getString(2), null, rs.getLong(3), rs.getLong(4)),
        deviceArgs.toArray());
    List<AlarmView.Rate> types = jdbc.query("SELECT a.type, " + counts + where
        + " GROUP BY a.type ORDER BY 3 DESC, 2 DESC, 1", (rs, n) -> rate(null, null,
            rs.getString(1), rs.getLong(2), rs.getLong(3)), args);
    return new AlarmView.FalseRates(from, to, devices, types);
  }

  private static AlarmView.Rate rate(String gw, String device, String type, long n, long f) {
    return new AlarmView.Rate(gw, device, type, n, f, n == 0 ? 0 : (double) f / n);
  }

  private static AlarmView row(ResultSet rs, int n) throws SQLException {
    return new AlarmView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
        rs.getObject(9, Double.class), rs.getObject(10, Double.class), instant(rs, 11),
        instant(rs, 12), instant(rs, 13), rs.getLong(14),
        List.copyOf(AlarmRepository.split(rs.getString(15))),
        List.copyOf(AlarmRepository.split(rs.getString(16))), rs.getString(17), rs.getString(18),
        rs.getString(19), rs.getString(20), instant(rs, 21), rs.getString(22), instant(rs, 23),
        rs.getString(24), rs.getObject(25, Long.class), rs.getString(26), rs.getString(27),
        rs.getObject(28, Long.class), null, null);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
