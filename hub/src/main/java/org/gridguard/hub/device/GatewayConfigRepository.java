package org.gridguard.hub.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Rows of {@code gateway_config}: a gateway's monotonic push version and what its edge runs.
 * Every write is one conditional statement, safe with several hub instances; none needs a
 * surrounding transaction (callers run outside one).
 */
@Repository
class GatewayConfigRepository {
  static final int PROBLEMS_MAX = 16000;
  private static final int BUMP_TRIES = 10;

  /** A gateway's row. */
  record Row(String gatewayId, long version, String contentHash, Instant assembledAt,
      long appliedVersion, Instant appliedAt, Long lastResultVersion, Boolean lastResultOk,
      Instant lastResultAt, String lastProblems, Long pushFailedVersion,
      String assemblyProblem) {}

  private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getString("gateway_id"),
      rs.getLong("version"), rs.getString("content_hash"), instant(rs, "assembled_at"),
      rs.getLong("applied_version"), instant(rs, "applied_at"),
      nullableLong(rs, "last_result_version"), nullableBoolean(rs, "last_result_ok"),
      instant(rs, "last_result_at"), rs.getString("last_problems"),
      nullableLong(rs, "push_failed_version"), rs.getString("assembly_problem"));

  private final JdbcTemplate jdbc;

  GatewayConfigRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Row> find(String gatewayId) {
    return jdbc.query("SELECT * FROM gateway_config WHERE gateway_id = ?", ROW, gatewayId)
        .stream().findFirst();
  }

  /**
   * Creates the gateway's row (version 0, nothing assembled).
   *
   * @throws DuplicateKeyException when it exists (which aborts a PostgreSQL transaction: run it
   *     in one of its own)
   */
  void insert(String gatewayId, Instant now) {
    jdbc.update("INSERT INTO gateway_config (gateway_id, version, content_hash, assembled_at) "
        + "VALUES (?, 0, '', ?)", gatewayId, Timestamp.from(now));
  }

  /** Locks the gateway's row until the caller's transaction ends. */
  Optional<Row> lock(String gatewayId) {
    return jdbc.query("SELECT * FROM gateway_config WHERE gateway_id = ? FOR UPDATE", ROW,
        gatewayId).stream().findFirst();
  }

  /**
   * The version of content {@code hash}: the stored one when the stored hash is the same, else
   * the stored version + 1, set by {@code UPDATE … WHERE version = ?} so that writers that
   * judge the same change at once raise it once (the loser reads again and finds its hash);
   * {@code floor}, a version the edge already runs, keeps the result at or above it: a stored
   * version below it (a hub database older than the edge's last push) is raised above it. The row must exist ({@link #ensure}).
   */
  long versionOf(String gatewayId, String hash, long floor, Instant now) {
    Timestamp at = Timestamp.from(now);
    for (int i = 0; i < BUMP_TRIES; i++) {
      Row r = find(gatewayId).orElseThrow(() -> new IllegalStateException(
          "no gateway_config row for " + gatewayId));
      if (r.contentHash().equals(hash) && r.version() > 0 && r.version() >= floor) {
        if (r.assemblyProblem() != null) {
          jdbc.update("UPDATE gateway_config SET assembly_problem = NULL WHERE gateway_id = ?",
              gatewayId);
        }
        return r.version();
      }
      long next = Math.max(r.version(), floor) + 1;
      if (jdbc.update("UPDATE gateway_config SET version = ?, content_hash = ?, assembled_at = ?, "
          + "assembly_problem = NULL WHERE gateway_id = ? AND version = ?", next, hash, at,
          gatewayId, r.version()) == 1) {
        return next;
      }
      // another writer moved the version in between: read again
    }
    throw new IllegalStateException("config version of gateway " + gatewayId + " kept changing "
        + "under " + BUMP_TRIES + " tries");
  }

  /** The registry could not be assembled; the version stays. */
  void assemblyProblem(String gatewayId, String problem) {
    String text = problem.length() > 1000 ? problem.substring(0, 1000) : problem;
    jdbc.update("UPDATE gateway_config SET assembly_problem = ? WHERE gateway_id = ?", text,
        gatewayId);
  }

  /** What the edge's Hello says it runs (set, not raised: an edge wiped back to 0 says so). */
  void reported(String gatewayId, long version, Instant at) {
    jdbc.update("UPDATE gateway_config SET applied_version = ?, applied_at = ? WHERE "
        + "gateway_id = ? AND applied_version <> ?", version, Timestamp.from(at), gatewayId,
        version);
  }

  /** The edge's answer to a push of {@code version}; ok raises the applied version. */
  void result(String gatewayId, long version, boolean ok, String problems, Instant at) {
    Timestamp t = Timestamp.from(at);
    String text = problems == null ? null
        : problems.length() > PROBLEMS_MAX ? problems.substring(0, PROBLEMS_MAX) : problems;
    jdbc.update("UPDATE gateway_config SET last_result_version = ?, last_result_ok = ?, "
        + "last_result_at = ?, last_problems = ?, applied_version = CASE WHEN ? AND "
        + "applied_version < ? THEN ? ELSE applied_version END, applied_at = CASE WHEN ? AND "
        + "applied_version < ? THEN ? ELSE applied_at END WHERE gateway_id = ?", version, ok, t,
        text, ok, version, version, ok, version, t, gatewayId);
  }

  /** {@code version} went unanswered too often. */
  void pushFailed(String gatewayId, long version, Instant at) {
    jdbc.update("UPDATE gateway_config SET push_failed_version = ?, push_failed_at = ? WHERE "
        + "gateway_id = ?", version, Timestamp.from(at), gatewayId);
  }

  /** A forced re-push: forget that {@code version} failed, so it is tried again. */
  void clearFailure(String gatewayId) {
    jdbc.update("UPDATE gateway_config SET push_failed_version = NULL, push_failed_at = NULL "
        + "WHERE gateway_id = ?", gatewayId);
  }

  /** Up to {@code limit} gateways without a row (registered before config push existed). */
  List<String> withoutRow(int limit) {
    return jdbc.queryForList("SELECT g.gateway_id FROM gateway g WHERE NOT EXISTS (SELECT 1 FROM "
        + "gateway_config c WHERE c.gateway_id = g.gateway_id) ORDER BY g.gateway_id LIMIT ?",
        String.class, limit);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return rs.wasNull() ? null : v;
  }
}
