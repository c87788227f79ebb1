package org.gridguard.hub.telemetry;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Telemetry lines InfluxDB refused for good, with the server's reason. */
@Repository
public class DeadLetterRepository {
  /** One refused line. */
  public record DeadLetter(long id, String gatewayId, String line, String reason, Instant createdAt) {}

  /** One line to store. */
  public record Entry(String gatewayId, String line, String reason) {}

  private static final int MAX_LINE = 8192;
  private static final int MAX_REASON = 2048;

  private final JdbcTemplate jdbc;

  public DeadLetterRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(List<Entry> entries) {
    jdbc.batchUpdate("INSERT INTO telemetry_dead_letter (gateway_id, line, reason) VALUES (?,?,?)",
        entries.stream().map(e -> new Object[] {
            e.gatewayId(), cut(e.line(), MAX_LINE), cut(e.reason(), MAX_REASON)}).toList());
  }

  /** Newest first. */
  public List<DeadLetter> list(int limit, long beforeId) {
    return jdbc.query("SELECT id, gateway_id, line, reason, created_at FROM telemetry_dead_letter "
            + "WHERE id < ? ORDER BY id DESC LIMIT ?",
        (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getTimestamp(5).toInstant()),
        beforeId, limit);
  }

  public long count() {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM telemetry_dead_letter", Long.class);
    return n == null ? 0 : n;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
