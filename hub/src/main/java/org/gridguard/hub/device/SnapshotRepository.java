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
      Instant requestedAt, Instant answeredAt, Boolean ok, String message, String evidenceId,
      boolean pending, Instant sentAt) {}

  /** A stored evidence item: its type and status (COMPLETE once every chunk arrived). */
  record Evidence(String contentType, String status) {}

  private static final RowMapper<Row> ROW = (rs, i) -> {
    Timestamp answered = rs.getTimestamp("answered_at");
    Timestamp sent = rs.getTimestamp("sent_at");
    boolean ok = rs.getBoolean("ok");
    Boolean okOrNull = rs.wasNull() ? null : ok;
    return new Row(rs.getString("command_id"), rs.getString("gateway_id"),
        rs.getString("device_id"), rs.getString("requested_by"),
        rs.getTimestamp("requested_at").toInstant(),
        answered == null ? null : answered.toInstant(), okOrNull, rs.getString("message"),
        rs.getString("evidence_id"), rs.getString("pending_key") != null,
        sent == null ? null : sent.toInstant());
  };

  private final JdbcTemplate jdbc;

  SnapshotRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static String pendingKey(String gatewayId, String deviceId) {
    return gatewayId + "|" + deviceId;
  }

  /**
   * A new pending request, not yet sent.
   *
   * @throws org.springframework.dao.DuplicateKeyException the camera has a pending request (the
   *     UNIQUE pending key: one at a time whichever instance is asked)
   */
  void insert(String commandId, String gatewayId, String deviceId, String by, Instant at) {
    jdbc.update("INSERT INTO camera_snapshot (command_id, gateway_id, device_id, requested_by, "
        + "requested_at, pending_key) VALUES (?, ?, ?, ?, ?, ?)", commandId, gatewayId, deviceId,
        by, Timestamp.from(at), pendingKey(gatewayId, deviceId));
  }

  /**
   * Ends the camera's pending request if it was made before {@code before} (unanswered within
   * the timeout): it stops blocking a new one; a late answer is still stored.
   */
  int expire(String gatewayId, String deviceId, Instant before) {
    return jdbc.update("UPDATE camera_snapshot SET pending_key = NULL WHERE pending_key = ? AND "
        + "requested_at < ?", pendingKey(gatewayId, deviceId), Timestamp.from(before));
  }

  /** Claims a pending, unsent request for sending: true for exactly one caller of all instances. */
  boolean claim(String commandId, Instant at) {
    return jdbc.update("UPDATE camera_snapshot SET sent_at = ? WHERE command_id = ? AND sent_at "
        + "IS NULL AND pending_key IS NOT NULL", Timestamp.from(at), commandId) == 1;
  }

  /** Gives a claim back when the command could not be handed to the session after all. */
  void unclaim(String commandId) {
    jdbc.update("UPDATE camera_snapshot SET sent_at = NULL WHERE command_id = ? AND "
        + "answered_at IS NULL", commandId);
  }

  /** Pending requests not yet sent to any of {@code gatewayIds}, made after {@code after}. */
  List<Row> unsent(List<String> gatewayIds, Instant after, int limit) {
    if (gatewayIds.isEmpty()) {
      return List.of();
    }
    Object[] args = new Object[gatewayIds.size() + 2];
    for (int i = 0; i < gatewayIds.size(); i++) {
      args[i] = gatewayIds.get(i);
    }
    args[gatewayIds.size()] = Timestamp.from(after);
    args[gatewayIds.size() + 1] = limit;
    return jdbc.query("SELECT * FROM camera_snapshot WHERE gateway_id IN ("
        + String.join(", ", java.util.Collections.nCopies(gatewayIds.size(), "?")) + ") AND "
        + "sent_at IS NULL AND pending_key IS NOT NULL AND requested_at > ? ORDER BY "
        + "requested_at LIMIT ?", ROW, args);
  }

  /**
   * Whether the gateway seems to hold a session on some hub instance: heard since its last
   * session closed, and after {@code freshAfter}.
   */
  boolean connectedSomewhere(String gatewayId, Instant freshAfter) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM gateway WHERE gateway_id = ? AND "
        + "last_seen_at IS NOT NULL AND last_seen_at > ? AND (session_closed_at IS NULL OR "
        + "last_seen_at > session_closed_at)", Integer.class, gatewayId,
        Timestamp.from(freshAfter));
    return n != null && n > 0;
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
        + "evidence_id = ?, pending_key = NULL WHERE command_id = ? AND answered_at IS NULL", Timestamp.from(at), ok,
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
