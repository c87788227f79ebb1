package org.gridguard.hub.gateway;

import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Gateway rows. Uniqueness of ids is the database's primary key, not a lock here. */
@Repository
public class GatewayRepository {
  private static final RowMapper<Gateway> ROW = (rs, i) -> new Gateway(
      rs.getString("gateway_id"), rs.getString("credential_hash"), rs.getString("grid_code"),
      rs.getBoolean("revoked"));

  private final JdbcTemplate jdbc;

  public GatewayRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Gateway> find(String id) {
    return jdbc.query("SELECT * FROM gateway WHERE gateway_id = ?", ROW, id).stream().findFirst();
  }

  /** The gateway if it exists and lies inside {@code scope}. */
  public Optional<Gateway> find(String id, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("grid_code");
    return jdbc.query("SELECT * FROM gateway WHERE gateway_id = ? AND " + inScope.condition(),
        ROW, inScope.argsAfter(id)).stream().findFirst();
  }

  /** Gateways inside {@code scope}, by id, {@code limit} after id {@code after}. */
  public List<Gateway> list(GridScope scope, String gridCode, String after, int limit) {
    GridScope.SqlFilter inScope = scope.filter("grid_code");
    String grid = gridCode == null ? "" : " AND grid_code LIKE ?";
    Object[] leading = gridCode == null ? new Object[] {after} : new Object[] {after, gridCode + "%"};
    return jdbc.query("SELECT * FROM gateway WHERE gateway_id > ?" + grid + " AND "
        + inScope.condition() + " ORDER BY gateway_id LIMIT ?", ROW,
        inScope.argsAfterThen(leading, limit));
  }

  /** How many gateways inside {@code scope} (and below {@code gridCode} when given). */
  public long count(GridScope scope, String gridCode) {
    GridScope.SqlFilter inScope = scope.filter("grid_code");
    String grid = gridCode == null ? "" : " AND grid_code LIKE ?";
    Object[] leading = gridCode == null ? new Object[0] : new Object[] {gridCode + "%"};
    return jdbc.queryForObject("SELECT COUNT(*) FROM gateway WHERE 1 = 1" + grid + " AND "
        + inScope.condition(), Long.class, inScope.argsAfterThen(leading));
  }

  /** @throws org.springframework.dao.DuplicateKeyException if the id is taken */
  public void insert(Gateway gateway) {
    jdbc.update("INSERT INTO gateway (gateway_id, credential_hash, grid_code, revoked) "
        + "VALUES (?, ?, ?, ?)", gateway.id(), gateway.credentialHash(), gateway.gridCode(),
        gateway.revoked());
  }

  /** @return whether the gateway exists */
  public boolean setRevoked(String id, boolean revoked) {
    return jdbc.update("UPDATE gateway SET revoked = ? WHERE gateway_id = ?", revoked, id) == 1;
  }

  /**
   * Replaces the credential (and clears a revocation). With a positive {@code grace} the
   * credential being replaced stays valid until {@code now + grace}; with zero it stops at once.
   *
   * @return whether the gateway exists
   */
  public boolean rotateCredential(String id, String newHash, java.time.Instant now,
      java.time.Duration grace) {
    java.sql.Timestamp until = grace.isZero() ? null : java.sql.Timestamp.from(now.plus(grace));
    return jdbc.update("UPDATE gateway SET previous_credential_hash = CASE WHEN ? THEN "
        + "credential_hash ELSE NULL END, previous_valid_until = ?, credential_hash = ?, "
        + "credential_issued_at = ?, revoked = FALSE WHERE gateway_id = ?", until != null, until,
        newHash,
        java.sql.Timestamp.from(now), id) == 1;
  }

  /** The previous credential's hash while its grace window lasts. */
  public Optional<String> previousCredentialHash(String id, java.time.Instant now) {
    return jdbc.queryForList("SELECT previous_credential_hash FROM gateway WHERE gateway_id = ? "
            + "AND previous_credential_hash IS NOT NULL AND previous_valid_until > ?", String.class,
        id, java.sql.Timestamp.from(now)).stream().findFirst();
  }

  /** @return whether the gateway exists */
  public boolean setCredentialHash(String id, String hash) {
    return jdbc.update("UPDATE gateway SET credential_hash = ?, revoked = FALSE WHERE gateway_id = ?",
        hash, id) == 1;
  }

  private static final RowMapper<GatewayDetails> DETAILS = (rs, i) -> new GatewayDetails(
      rs.getString("gateway_id"), rs.getString("grid_code"), rs.getBoolean("revoked"),
      rs.getString("address"), nullable(rs, "lat"), nullable(rs, "lon"), rs.getString("notes"),
      rs.getString("software_version"), instant(rs, "last_seen_at"), rs.getLong("cfg_version"),
      nullableLong(rs, "cfg_applied_version"), nullableLong(rs, "cfg_result_version"),
      nullableBoolean(rs, "cfg_result_ok"), rs.getString("cfg_problems"),
      instant(rs, "cfg_result_at"), nullableLong(rs, "cfg_push_failed_version"),
      "ONLINE".equals(rs.getString("health")) || "DEGRADED".equals(rs.getString("health")));

  /** The gateway, its pushed configuration ({@code gateway_config}) and its derived health. */
  private static final String DETAILS_SELECT = "SELECT g.*, c.version AS cfg_version, "
      + "c.applied_version AS cfg_applied_version, c.last_result_version AS cfg_result_version, "
      + "c.last_result_ok AS cfg_result_ok, c.last_problems AS cfg_problems, "
      + "c.last_result_at AS cfg_result_at, c.push_failed_version AS cfg_push_failed_version, "
      + "h.state AS health FROM gateway g LEFT JOIN gateway_config c ON c.gateway_id = "
      + "g.gateway_id LEFT JOIN health_state h ON h.gateway_id = g.gateway_id AND "
      + "h.device_id = '' ";

  /** The gateway's registry details if it lies inside {@code scope}. */
  public Optional<GatewayDetails> details(String id, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("g.grid_code");
    return jdbc.query(DETAILS_SELECT + "WHERE g.gateway_id = ? AND " + inScope.condition(),
        DETAILS, inScope.argsAfter(id)).stream().findFirst();
  }

  /** Details of gateways inside {@code scope}, by id, {@code limit} after id {@code after}. */
  public List<GatewayDetails> listDetails(GridScope scope, String gridCode, String after,
      int limit) {
    GridScope.SqlFilter inScope = scope.filter("g.grid_code");
    String grid = gridCode == null ? "" : " AND g.grid_code LIKE ?";
    Object[] leading = gridCode == null ? new Object[] {after} : new Object[] {after, gridCode + "%"};
    return jdbc.query(DETAILS_SELECT + "WHERE g.gateway_id > ?" + grid + " AND "
        + inScope.condition() + " ORDER BY g.gateway_id LIMIT ?", DETAILS,
        inScope.argsAfterThen(leading, limit));
  }

  /** Sets what a technician surveys: address, WGS-84 position, notes. */
  public boolean updatePlace(String id, String address, Double lat, Double lon, String notes) {
    return jdbc.update("UPDATE gateway SET address = ?, lat = ?, lon = ?, notes = ? "
        + "WHERE gateway_id = ?", address, lat, lon, notes, id) == 1;
  }

  /** What the edge said in its Hello, and when. */
  public void reported(String id, String softwareVersion, java.time.Instant at) {
    jdbc.update("UPDATE gateway SET software_version = ?, last_seen_at = ? WHERE gateway_id = ?",
        softwareVersion, java.sql.Timestamp.from(at), id);
  }

  /** The gateway was heard from at {@code at} (only moves forward). */
  public void seen(String id, java.time.Instant at) {
    java.sql.Timestamp t = java.sql.Timestamp.from(at);
    jdbc.update("UPDATE gateway SET last_seen_at = ? WHERE gateway_id = ? AND "
        + "(last_seen_at IS NULL OR last_seen_at < ?)", t, id, t);
  }

  private static Double nullable(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Long nullableLong(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Boolean nullableBoolean(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    boolean v = rs.getBoolean(column);
    return rs.wasNull() ? null : v;
  }

  private static java.time.Instant instant(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    java.sql.Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
