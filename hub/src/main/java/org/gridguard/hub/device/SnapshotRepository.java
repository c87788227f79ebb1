package org.gridguard.hub.device;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Rows of {@code camera_snapshot}: the "snapshot now" commands sent to cameras and their
 * answers; and the stored evidence a preview points at (read from {@code evidence_item}).
 */
@Repository
class SnapshotRepository {
  record Row(String commandId, String gatewayId, String deviceId, String requestedBy,
      Instant requestedAt, Instant answeredAt, Boolean ok, String message, String evidenceId) {}

  /** A stored evidence item: its type and status (COMPLETE once every chunk arrived). */
  record Evidence(String contentType, String status) {}

  private static final RowMapper<Row> ROW = (rs, i) -> {
    Timestamp answered = rs.getTimestamp("answered_at");
    boolean ok = rs.getBoolean("ok");
    Boolean okOrNull = rs.wasNull() ? null : ok;
    return new Row(rs.getString("command_id"), rs.getString("gateway_id"),
        rs.getString("device_id"), rs.getString("requested_by"),
        rs.getTimestamp("requested_at").toInstant(),
        answered == null ? null : answered.toInstant(), okOrNull, rs.getString("message"),
        rs.getString("evidence_id"));
  };

  private final JdbcTemplate jdbc;

  SnapshotRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String commandId, String gatewayId, String deviceId, String by, Instant at) {
    jdbc.update("INSERT INTO camera_snapshot (command_id, gateway_id, device_id, requested_by, "
        + "requested_at) VALUES (?, ?, ?, ?, ?)", commandId, gatewayId, deviceId, by,
        Timestamp.from(at));
  }

  /** The camera's latest request. */
  Optional<Row> latest(String gatewayId, String deviceId) {
    List<Row> rows = jdbc.query("SELECT * FROM camera_snapshot WHERE gateway_id = ? AND "
        + "device_id = ? ORDER BY requested_at DESC LIMIT 1", ROW, gatewayId, deviceId);
    return rows.stream().findFirst();
  }

  /** The command, if {@code gatewayId} was sent it. */
  Optional<Row> find(String commandId, String gatewayId) {
    return jdbc.query("SELECT * FROM camera_snapshot WHERE command_id = ? AND gateway_id = ?",
        ROW, commandId, gatewayId).stream().findFirst();
  }

  /** Stores the answer once; false if it was answered already. */
  boolean answered(String commandId, boolean ok, String message, String evidenceId,
      Instant at) {
    String text = message == null ? null : message.length() > 2000 ? message.substring(0, 2000)
        : message;
    return jdbc.update("UPDATE camera_snapshot SET answered_at = ?, ok = ?, message = ?, "
        + "evidence_id = ? WHERE command_id = ? AND answered_at IS NULL", Timestamp.from(at), ok,
        text, evidenceId, commandId) == 1;
  }

  /** The request of {@code evidenceId}'s command, for its requested time. */
  Optional<Row> byEvidence(String gatewayId, String evidenceId) {
    return jdbc.query("SELECT * FROM camera_snapshot WHERE gateway_id = ? AND evidence_id = ? "
        + "ORDER BY requested_at DESC LIMIT 1", ROW, gatewayId, evidenceId).stream().findFirst();
  }

  Optional<Evidence> evidence(String gatewayId, String evidenceId) {
    return jdbc.query("SELECT content_type, status FROM evidence_item WHERE gateway_id = ? AND "
            + "evidence_id = ?", (rs, i) -> new Evidence(rs.getString(1), rs.getString(2)),
        gatewayId, evidenceId).stream().findFirst();
  }
}
