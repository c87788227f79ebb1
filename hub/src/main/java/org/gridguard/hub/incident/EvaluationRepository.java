package org.gridguard.hub.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Repository;

/**
 * The indicators of 综合评价, computed in SQL over incidents and their events. The base of a
 * period is the incidents reported in it (below the node, inside the caller's scope):
 * <ul>
 *   <li>closure rate = closed / (reported − voided);
 *   <li>按期结案率 (on-time closure) = closed by the case deadline / (due − suspended), where due
 *       are the registered, not voided incidents whose case deadline fell before the period's end
 *       or that are closed or suspended, and suspended are those of them suspended now;
 *   <li>rework rate, extension rate = incidents with at least one rework / extension event
 *       / (reported − voided);
 *   <li>mean time to accept / to close = mean seconds from report to first accept / to closing.
 * </ul>
 */
@Repository
class EvaluationRepository {
  record Unit(String code, long reported, long voided, long closed, long due, long suspended,
      long onTime, long reworked, long extended, Double meanAcceptSeconds,
      Double meanCloseSeconds, Double closureRate, Double onTimeRate, Double reworkRate,
      Double extensionRate, Map<String, Long> byCategory, Map<String, Long> byPriority) {}

  private final JdbcTemplate jdbc;
  private final String secondsBetween;

  EvaluationRepository(JdbcTemplate jdbc, DataSource dataSource) throws Exception {
    this.jdbc = jdbc;
    String product = JdbcUtils.extractDatabaseMetaData(dataSource,
        m -> m.getDatabaseProductName());
    this.secondsBetween = product.toLowerCase().contains("postgres")
        ? "EXTRACT(EPOCH FROM (%2$s - %1$s))" : "DATEDIFF('SECOND', %1$s, %2$s)";
  }

  List<Unit> evaluate(GridScope scope, String code, int unitLength, Instant from, Instant to) {
    GridScope.SqlFilter in = scope.filter("i.grid_code");
    // the unit length is one of 6/9/12/15 (a level), inlined so GROUP BY matches the SELECT
    String unit = "SUBSTRING(i.grid_code FROM 1 FOR " + unitLength + ")";
    String where = " FROM incident i WHERE i.grid_code LIKE ? AND i.created_at >= ? AND "
        + "i.created_at < ? AND " + in.condition();
    Object[] whereArgs = in.argsAfter(code + "%", Timestamp.from(from), Timestamp.from(to));
    Timestamp end = Timestamp.from(to);
    String due = "i.state <> 'VOIDED' AND i.due_kind IS NOT NULL AND (i.state IN ('CLOSED', "
        + "'SUSPENDED') OR i.due_at < ?)";
    String sql = "SELECT " + unit + " AS unit, COUNT(*) AS reported, "
        + "SUM(CASE WHEN i.state = 'VOIDED' THEN 1 ELSE 0 END) AS voided, "
        + "SUM(CASE WHEN i.state = 'CLOSED' THEN 1 ELSE 0 END) AS closed, "
        + "SUM(CASE WHEN " + due + " THEN 1 ELSE 0 END) AS due, "
        + "SUM(CASE WHEN " + due + " AND i.state = 'SUSPENDED' THEN 1 ELSE 0 END) AS suspended, "
        + "SUM(CASE WHEN i.state = 'CLOSED' AND i.due_at IS NOT NULL AND i.closed_at <= i.due_at "
        + "THEN 1 ELSE 0 END) AS on_time, "
        + "SUM(CASE WHEN i.state <> 'VOIDED' AND EXISTS (SELECT 1 FROM incident_event e WHERE "
        + "e.incident_id = i.id AND e.action = 'REWORK') THEN 1 ELSE 0 END) AS reworked, "
        + "SUM(CASE WHEN i.state <> 'VOIDED' AND EXISTS (SELECT 1 FROM incident_event e WHERE "
        + "e.incident_id = i.id AND e.action = 'EXTEND') THEN 1 ELSE 0 END) AS extended, "
        + "AVG(CASE WHEN i.accepted_at IS NOT NULL THEN "
        + String.format(secondsBetween, "i.created_at", "i.accepted_at") + " END) AS mean_accept, "
        + "AVG(CASE WHEN i.state = 'CLOSED' THEN "
        + String.format(secondsBetween, "i.created_at", "i.closed_at") + " END) AS mean_close"
        + where + " GROUP BY " + unit + " ORDER BY unit";
    List<Object> args = new ArrayList<>();
    args.add(end);
    args.add(end);
    args.addAll(List.of(whereArgs));
    Map<String, Map<String, Long>> categories = breakdown(unit, "i.category", "", where, whereArgs);
    Map<String, Map<String, Long>> priorities = breakdown(unit, "i.priority", "P", where, whereArgs);
    return jdbc.query(sql, (rs, n) -> {
      String u = rs.getString("unit");
      long reported = rs.getLong("reported");
      long voided = rs.getLong("voided");
      long closed = rs.getLong("closed");
      long dueCount = rs.getLong("due");
      long suspended = rs.getLong("suspended");
      long onTime = rs.getLong("on_time");
      long reworked = rs.getLong("reworked");
      long extended = rs.getLong("extended");
      double acc = rs.getDouble("mean_accept");
      Double meanAccept = rs.wasNull() ? null : acc;
      double clo = rs.getDouble("mean_close");
      Double meanClose = rs.wasNull() ? null : clo;
      long live = reported - voided;
      return new Unit(u, reported, voided, closed, dueCount, suspended, onTime, reworked,
          extended, meanAccept, meanClose, rate(closed, live), rate(onTime, dueCount - suspended),
          rate(reworked, live), rate(extended, live),
          categories.getOrDefault(u, Map.of()), priorities.getOrDefault(u, Map.of()));
    }, args.toArray());
  }

  private Map<String, Map<String, Long>> breakdown(String unit, String column, String prefix,
      String where, Object[] args) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    jdbc.query("SELECT " + unit + " AS unit, " + column + " AS k, COUNT(*) AS n" + where
        + " GROUP BY " + unit + ", " + column + " ORDER BY unit, k", rs -> {
          out.computeIfAbsent(rs.getString("unit"), u -> new LinkedHashMap<>())
              .put(prefix + rs.getString("k"), rs.getLong("n"));
        }, args);
    return out;
  }

  private static Double rate(long part, long whole) {
    return whole <= 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }
}
