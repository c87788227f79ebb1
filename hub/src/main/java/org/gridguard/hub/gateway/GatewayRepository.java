package org.gridguard.hub.gateway;

import java.util.List;
import java.util.Optional;
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

  public List<Gateway> findAll() {
    return jdbc.query("SELECT * FROM gateway ORDER BY gateway_id", ROW);
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

  /** @return whether the gateway exists */
  public boolean setCredentialHash(String id, String hash) {
    return jdbc.update("UPDATE gateway SET credential_hash = ?, revoked = FALSE WHERE gateway_id = ?",
        hash, id) == 1;
  }
}
