package org.gridguard.hub.telemetry;

import java.time.Instant;
import java.util.List;
import org.gridguard.hub.security.GridScope;
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

  /** Newest first, only of gateways inside {@code scope}. */
  public List<DeadLetter> list(GridScope scope, int limit, long beforeId) {
    GridScope.SqlFilter inScope = scope.filter("g.grid_code");
    return jdbc.query("SELECT d.id, d.gateway_id, d.line, d.reason, d.created_at "
            + "FROM telemetry_dead_letter d JOIN gateway g ON g.gateway_id = d.gateway_id "
            + "WHERE d.id < ? AND " + inScope.condition() + " ORDER BY d.id DESC LIMIT ?",
        (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getTimestamp(5).toInstant()),
        inScope.argsAfterThen(new Object[] {beforeId}, limit));
  }

  /** How many, of gateways inside {@code scope}. */
  public long count(GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("g.grid_code");
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM telemetry_dead_letter d JOIN gateway g "
        + "ON g.gateway_id = d.gateway_id WHERE " + inScope.condition(), Long.class,
        inScope.args().toArray());
    return n == null ? 0 : n;
  }

  /** Deletes up to {@code batch} lines stored before {@code before}, oldest first; how many. */
  public int purgeBefore(Instant before, int batch) {
    return jdbc.update("DELETE FROM telemetry_dead_letter WHERE id IN (SELECT id FROM "
        + "telemetry_dead_letter WHERE created_at < ? ORDER BY created_at LIMIT ?)",
        java.sql.Timestamp.from(before), batch);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
