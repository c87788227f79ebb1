package org.gridguard.hub.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the audit log, newest first, by keyset ({@code before} an id) so paging is stable. */
@Repository
class AuditQuery {
  record Filter(String actor, String action, String objectType, String objectId, Instant from,
      Instant to, long before, int limit) {}

  record Line(long id, Instant at, String actor, String address, String action,
      String objectType, String objectId, String outcome, String before, String after,
      String detail) {}

  private final JdbcTemplate jdbc;

  AuditQuery(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Line> find(Filter f) {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE id < ?");
    List<Object> args = new ArrayList<>(List.of(f.before()));
    eq(sql, args, "actor", f.actor());
    if (f.action() != null) {
      // "gateway" finds gateway.register, gateway.revoke, …; "gateway.revoke" only that
      sql.append(" AND (action = ? OR action LIKE ?)");
      args.add(f.action());
      args.add(f.action().replace("%", "").replace("_", "") + ".%");
    }
    eq(sql, args, "object_type", f.objectType());
    eq(sql, args, "object_id", f.objectId());
    if (f.from() != null) {
      sql.append(" AND occurred_at >= ?");
      args.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      sql.append(" AND occurred_at < ?");
      args.add(Timestamp.from(f.to()));
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(f.limit());
    return jdbc.query(sql.toString(), (rs, i) -> new Line(rs.getLong("id"),
        rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
        rs.getString("address"), rs.getString("action"), rs.getString("object_type"),
        rs.getString("object_id"), rs.getString("outcome"), rs.getString("before_json"),
        rs.getString("after_json"), rs.getString("detail")), args.toArray());
  }

  int purgeBefore(Instant cutoff) {
    return jdbc.update("DELETE FROM audit_event WHERE occurred_at < ?", Timestamp.from(cutoff));
  }

  private static void eq(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }
}
