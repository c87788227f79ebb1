package org.gridguard.hub.audit;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes audit lines to {@code audit_event}, inside the caller's transaction when there is one
 * (JdbcTemplate joins it). Text longer than its column is cut, never refused: an audit line must
 * not make the change it records fail.
 */
@Repository
class JdbcAuditLog implements AuditLog {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  JdbcAuditLog(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  JdbcAuditLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private static final String INSERT = "INSERT INTO audit_event (occurred_at, actor, address, "
      + "action, object_type, object_id, outcome, before_json, after_json, detail) "
      + "VALUES (?,?,?,?,?,?,?,?,?,?)";

  @Override
  public void record(AuditEntry e) {
    jdbc.update(INSERT, row(e, Timestamp.from(clock.instant())));
  }

  @Override
  public void recordAll(java.util.List<AuditEntry> entries) {
    if (entries.size() == 1) {
      record(entries.get(0));
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.batchUpdate(INSERT, entries.stream().map(e -> row(e, now)).toList());
  }

  private static Object[] row(AuditEntry e, Timestamp at) {
    return new Object[] {at, cut(e.actor(), 128), cut(e.address(), 64), cut(e.action(), 64),
        cut(e.objectType(), 32), cut(e.objectId(), 256), e.outcome(), cut(e.before(), 8192),
        cut(e.after(), 8192), cut(e.detail(), 1024)};
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
