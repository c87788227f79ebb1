package org.gridguard.hub.patrol;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Escalation steps done, one row per (incident, round, step): the database makes each once. */
@Repository
class EscalationRepository {
  private final JdbcTemplate jdbc;

  EscalationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the step; a duplicate key means another sweeper did it. */
  void insert(long incidentId, int round, int step, Instant at) {
    jdbc.update("INSERT INTO patrol_escalation (incident_id, round, step, at) VALUES (?, ?, ?, ?)",
        incidentId, round, step, Timestamp.from(at));
  }

  void outcome(long incidentId, int round, int step, String outcome) {
    jdbc.update("UPDATE patrol_escalation SET outcome = ? WHERE incident_id = ? AND round = ? "
        + "AND step = ?", outcome.length() > 300 ? outcome.substring(0, 300) : outcome,
        incidentId, round, step);
  }
}
