package org.gridguard.hub.device;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Rows of {@code gateway_edge_profile}. A write locks the gateway's row first, so writers of one
 * gateway (threads, hub instances) take turns and the update-or-insert needs no retry.
 */
@Repository
class EdgeProfileRepository {
  private static final RowMapper<EdgeProfile> ROW = (rs, i) -> {
    Timestamp at = rs.getTimestamp("updated_at");
    return new EdgeProfile(rs.getString("gateway_id"), presets(rs.getString("mapping_presets")),
        rs.getString("mapping_rules"), rs.getString("device_type_rules"),
        at == null ? null : at.toInstant(), rs.getString("updated_by"));
  };

  private final JdbcTemplate jdbc;

  EdgeProfileRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The gateway's profile ({@link EdgeProfile#none} when none is stored). */
  EdgeProfile of(String gatewayId) {
    return jdbc.query("SELECT * FROM gateway_edge_profile WHERE gateway_id = ?", ROW, gatewayId)
        .stream().findFirst().orElseGet(() -> EdgeProfile.none(gatewayId));
  }

  /**
   * The profile of the gateway if it lies inside {@code scope} (none stored: an empty profile);
   * empty when there is no such gateway in the scope.
   */
  Optional<EdgeProfile> find(String gatewayId, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("g.grid_code");
    return jdbc.query("SELECT g.gateway_id, p.mapping_presets, p.mapping_rules, "
            + "p.device_type_rules, p.updated_at, p.updated_by FROM gateway g LEFT JOIN "
            + "gateway_edge_profile p ON p.gateway_id = g.gateway_id WHERE g.gateway_id = ? AND "
            + inScope.condition(), ROW, inScope.argsAfter(gatewayId)).stream().findFirst();
  }

  /** Locks the gateway's row until the caller's transaction ends (writers take turns). */
  void lock(String gatewayId) {
    jdbc.query("SELECT gateway_id FROM gateway WHERE gateway_id = ? FOR UPDATE",
        (rs, i) -> rs.getString(1), gatewayId);
  }

  /** Stores the profile; call inside a transaction, after {@link #lock}. */
  void store(EdgeProfile profile, Instant at, String by) {
    String presets = profile.mappingPresets() == null ? null
        : String.join(",", profile.mappingPresets());
    Timestamp t = Timestamp.from(at);
    if (jdbc.update("UPDATE gateway_edge_profile SET mapping_presets = ?, mapping_rules = ?, "
        + "device_type_rules = ?, updated_at = ?, updated_by = ? WHERE gateway_id = ?", presets,
        profile.mappingRules(), profile.deviceTypeRules(), t, by, profile.gatewayId()) == 0) {
      jdbc.update("INSERT INTO gateway_edge_profile (gateway_id, mapping_presets, mapping_rules, "
          + "device_type_rules, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
          profile.gatewayId(), presets, profile.mappingRules(), profile.deviceTypeRules(), t, by);
    }
  }

  private static List<String> presets(String joined) {
    if (joined == null) {
      return null;
    }
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }
}
