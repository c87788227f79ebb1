package org.gridguard.hub.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.security.GridScope;
import org.gridguard.protocol.v1.Lane;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * PRIORITY records and EVIDENCE chunks that can never be stored (PROTOCOL.md §2.6), kept with
 * their reason so that they can be acknowledged instead of being resent forever. Rows are
 * written inside the caller's transaction, together with the lane's cursor; {@link #counted}
 * counts them in {@code gridguard_ingest_dead_letters_total{lane}} once that committed.
 */
@Repository
public class IngestDeadLetters {
  /** One dead-lettered item. */
  public record DeadLetter(long id, String gatewayId, String streamId, Lane lane, long sequence,
      String kind, String reason, Instant createdAt) {}

  static final int MAX_REASON = 2048;

  private final JdbcTemplate jdbc;
  private final Map<Lane, Counter> counters = new EnumMap<>(Lane.class);

  public IngestDeadLetters(JdbcTemplate jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    for (Lane lane : List.of(Lane.PRIORITY, Lane.EVIDENCE)) {
      counters.put(lane, meters.counter("gridguard.ingest.dead.letters", "lane", lane.name()));
    }
  }

  /**
   * Inserts one item. Call inside the transaction that advances the lane's cursor; a replay of
   * a dead-lettered sequence is kept out by that cursor (and the unique constraint).
   */
  public void insert(StreamKey key, long sequence, String kind, String reason, byte[] body) {
    jdbc.update("INSERT INTO ingest_dead_letter (gateway_id, stream_id, lane, sequence, kind, "
            + "reason, body) VALUES (?,?,?,?,?,?,?)", key.gatewayId(), key.streamId(),
        key.lane().getNumber(), sequence, kind,
        reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…", body);
  }

  /** Counts {@code n} items of {@code lane} dead-lettered by a committed transaction. */
  public void counted(Lane lane, int n) {
    if (n > 0) {
      counters.get(lane).increment(n);
    }
  }

  /** Newest first, {@code id < beforeId}. */
  public List<DeadLetter> list(int limit, long beforeId) {
    return jdbc.query("SELECT id, gateway_id, stream_id, lane, sequence, kind, reason, created_at "
            + "FROM ingest_dead_letter WHERE id < ? ORDER BY id DESC LIMIT ?",
        (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3),
            Lane.forNumber(rs.getInt(4)), rs.getLong(5), rs.getString(6), rs.getString(7),
            rs.getTimestamp(8).toInstant()),
        beforeId, limit);
  }

  /**
   * Newest first, {@code id < beforeId}, of gateways inside {@code scope} (in the SQL);
   * {@code gatewayId} and {@code reasonPart} (a case-insensitive part of the reason) narrow it
   * when not null.
   */
  public List<DeadLetter> list(GridScope scope, String gatewayId, String reasonPart, int limit,
      long beforeId) {
    GridScope.SqlFilter inScope = scope.filter("g.grid_code");
    StringBuilder sql = new StringBuilder("SELECT d.id, d.gateway_id, d.stream_id, d.lane, "
        + "d.sequence, d.kind, d.reason, d.created_at FROM ingest_dead_letter d JOIN gateway g "
        + "ON g.gateway_id = d.gateway_id WHERE d.id < ?");
    List<Object> args = new ArrayList<>(List.of(beforeId));
    if (gatewayId != null) {
      sql.append(" AND d.gateway_id = ?");
      args.add(gatewayId);
    }
    if (reasonPart != null) {
      sql.append(" AND LOWER(d.reason) LIKE ? ESCAPE '\\'");
      args.add("%" + reasonPart.toLowerCase(Locale.ROOT).replace("\\", "\\\\")
          .replace("%", "\\%").replace("_", "\\_") + "%");
    }
    sql.append(" AND ").append(inScope.condition()).append(" ORDER BY d.id DESC LIMIT ?");
    args.addAll(inScope.args());
    args.add(limit);
    return jdbc.query(sql.toString(), (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2),
        rs.getString(3), Lane.forNumber(rs.getInt(4)), rs.getLong(5), rs.getString(6),
        rs.getString(7), rs.getTimestamp(8).toInstant()), args.toArray());
  }

  /** Deletes up to {@code batch} rows created before {@code before}, oldest first; how many. */
  public int purgeBefore(Instant before, int batch) {
    return jdbc.update("DELETE FROM ingest_dead_letter WHERE id IN (SELECT id FROM "
        + "ingest_dead_letter WHERE created_at < ? ORDER BY created_at LIMIT ?)",
        Timestamp.from(before), batch);
  }

  /** Dead letters of one gateway, oldest first (tests and diagnostics). */
  public List<DeadLetter> ofGateway(String gatewayId) {
    return jdbc.query("SELECT id, gateway_id, stream_id, lane, sequence, kind, reason, created_at "
            + "FROM ingest_dead_letter WHERE gateway_id = ? ORDER BY id",
        (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3),
            Lane.forNumber(rs.getInt(4)), rs.getLong(5), rs.getString(6), rs.getString(7),
            rs.getTimestamp(8).toInstant()),
        gatewayId);
  }
}
