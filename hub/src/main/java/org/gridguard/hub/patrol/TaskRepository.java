package org.gridguard.hub.patrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Task rows. Reads for a member are by username and scope in SQL (someone else's task is absent);
 * every change is one {@code UPDATE … WHERE id = ? AND version = ?}.
 */
@Repository
class TaskRepository {
  private static final String COLUMNS = "t.id, t.incident_id, t.round, t.username, t.grid_code, "
      + "t.category, t.priority, t.title, t.lat, t.lon, t.state, t.step, t.version, t.reason, "
      + "t.resolve_note, t.arrival_lat, t.arrival_lon, t.created_at, t.updated_at, "
      + "t.delivered_at, t.accepted_at, t.arrived_at, t.resolved_at, t.returned_at, "
      + "t.withdrawn_at";

  private final JdbcTemplate jdbc;

  TaskRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A new NEW task, as stored (built here rather than read back: one statement less per task on
   * the P1 path); fails with a duplicate key if the member already has a live one for it.
   *
   * @param escalateAt when a new round is due for its first escalation step (null: never); a
   *     task joining a round that has unaccepted tasks takes theirs instead, so reassigning or
   *     escalating does not restart the round's clock
   */
  PatrolTask insert(PatrolTask.IncidentInfo incident, int round, String username, int step,
      Instant when, Instant escalateAt) {
    // the databases keep microseconds: the task handed on must equal the row read later
    Instant at = when.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO patrol_task (incident_id, round, username, "
          + "grid_code, category, priority, title, lat, lon, state, step, version, active_key, "
          + "created_at, updated_at, escalate_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, 0, "
          + "?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM patrol_task r WHERE r.incident_id = ? "
          + "AND r.round = ? AND r.state IN ('NEW', 'DELIVERED')) THEN (SELECT MIN(r.escalate_at) "
          + "FROM patrol_task r WHERE r.incident_id = ? AND r.round = ? AND r.state IN ('NEW', "
          + "'DELIVERED')) ELSE ? END)", new String[] {"id"});
      ps.setLong(1, incident.id());
      ps.setInt(2, round);
      ps.setString(3, username);
      ps.setString(4, incident.gridCode());
      ps.setString(5, incident.category());
      ps.setInt(6, incident.priority());
      ps.setString(7, incident.title());
      ps.setObject(8, incident.lat(), java.sql.Types.DOUBLE);
      ps.setObject(9, incident.lon(), java.sql.Types.DOUBLE);
      ps.setInt(10, step);
      ps.setString(11, PatrolTask.activeKey(incident.id(), username));
      ps.setTimestamp(12, Timestamp.from(at));
      ps.setTimestamp(13, Timestamp.from(at));
      ps.setLong(14, incident.id());
      ps.setInt(15, round);
      ps.setLong(16, incident.id());
      ps.setInt(17, round);
      ps.setTimestamp(18, escalateAt == null ? null : Timestamp.from(escalateAt));
      return ps;
    }, key);
    return new PatrolTask(key.getKey().longValue(), incident.id(), round, username,
        incident.gridCode(), incident.category(), incident.priority(), incident.title(),
        incident.lat(), incident.lon(), TaskState.NEW, step, 0, null, null, null, null, at, at,
        null, null, null, null, null, null);
  }

  /** The task, whoever holds it (system use). */
  Optional<PatrolTask> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM patrol_task t WHERE t.id = ?", this::row, id)
        .stream().findFirst();
  }

  /** The task if it is {@code username}'s and inside {@code scope}. */
  Optional<PatrolTask> findMine(long id, String username, GridScope scope) {
    GridScope.SqlFilter f = scope.filter("t.grid_code");
    return jdbc.query("SELECT " + COLUMNS + " FROM patrol_task t WHERE t.id = ? AND "
        + "t.username = ? AND " + f.condition(), this::row, f.argsAfter(id, username)).stream()
        .findFirst();
  }

  /** {@code username}'s tasks in scope, newest first, of {@code state} if given. */
  List<PatrolTask> mine(String username, GridScope scope, TaskState state, long before,
      int limit) {
    GridScope.SqlFilter f = scope.filter("t.grid_code");
    List<Object> args = new ArrayList<>(List.of(username, before));
    args.addAll(f.args());
    String sql = "SELECT " + COLUMNS + " FROM patrol_task t WHERE t.username = ? AND t.id < ? AND "
        + f.condition();
    if (state != null) {
      sql += " AND t.state = ?";
      args.add(state.name());
    }
    args.add(limit);
    return jdbc.query(sql + " ORDER BY t.id DESC LIMIT ?", this::row, args.toArray());
  }

  /** {@code username}'s live (or, with {@code live} false, finished) tasks in scope, newest first. */
  List<PatrolTask> board(String username, GridScope scope, boolean live, int limit) {
    GridScope.SqlFilter f = scope.filter("t.grid_code");
    List<Object> args = new ArrayList<>(List.of(username));
    args.addAll(f.args());
    args.add(limit);
    return jdbc.query("SELECT " + COLUMNS + " FROM patrol_task t WHERE t.username = ? AND "
        + f.condition() + " AND t.state " + (live ? "" : "NOT ") + "IN ('NEW', 'DELIVERED', "
        + "'ACCEPTED', 'ARRIVED') ORDER BY t.id DESC LIMIT ?", this::row, args.toArray());
  }

  /** The incident's tasks (all rounds) in scope, oldest first. */
  List<PatrolTask> ofIncident(long incidentId, GridScope scope) {
    GridScope.SqlFilter f = scope.filter("t.grid_code");
    return jdbc.query("SELECT " + COLUMNS + " FROM patrol_task t WHERE t.incident_id = ? AND "
        + f.condition() + " ORDER BY t.id", this::row, f.argsAfter(incidentId));
  }

  /** The incident's live tasks, oldest first. */
  List<PatrolTask> live(long incidentId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM patrol_task t WHERE t.incident_id = ? AND "
        + "t.active_key IS NOT NULL ORDER BY t.id", this::row, incidentId);
  }

  /** Everyone who has or had a task in the round. */
  List<String> holders(long incidentId, int round) {
    return jdbc.queryForList("SELECT DISTINCT username FROM patrol_task WHERE incident_id = ? "
        + "AND round = ? AND username IS NOT NULL", String.class, incidentId, round);
  }

  /**
   * Moves the task to {@code to} if it is still at {@code version}; sets the state's time and,
   * when given, the reason, the resolve note or the arrival location.
   *
   * @return whether the row was changed
   */
  boolean move(PatrolTask t, TaskState to, Instant at, String reason, String resolveNote,
      Double arrivalLat, Double arrivalLon) {
    StringBuilder sql = new StringBuilder("UPDATE patrol_task SET state = ?, version = version + 1, "
        + "updated_at = ?, active_key = ?");
    List<Object> args = new ArrayList<>(List.of(to.name(), Timestamp.from(at)));
    args.add(to.live() ? PatrolTask.activeKey(t.incidentId(), t.username()) : null);
    if (!TaskState.UNACCEPTED.contains(to)) {
      sql.append(", escalate_at = NULL"); // accepted or finished: never escalated again
    }
    if (to.timeColumn() != null) {
      sql.append(", ").append(to.timeColumn()).append(" = ?");
      args.add(Timestamp.from(at));
    }
    if (reason != null) {
      sql.append(", reason = ?");
      args.add(reason);
    }
    if (resolveNote != null) {
      sql.append(", resolve_note = ?");
      args.add(resolveNote);
    }
    if (arrivalLat != null) {
      sql.append(", arrival_lat = ?, arrival_lon = ?");
      args.add(arrivalLat);
      args.add(arrivalLon);
    }
    sql.append(" WHERE id = ? AND version = ?");
    args.add(t.id());
    args.add(t.version());
    return jdbc.update(sql.toString(), args.toArray()) == 1;
  }

  /** Gives an unassigned task to {@code username} (fails with a duplicate key if they hold one). */
  boolean assign(PatrolTask t, String username, Instant at) {
    return jdbc.update("UPDATE patrol_task SET username = ?, active_key = ?, version = version + 1, "
        + "updated_at = ? WHERE id = ? AND version = ? AND username IS NULL", username,
        PatrolTask.activeKey(t.incidentId(), username), Timestamp.from(at), t.id(),
        t.version()) == 1;
  }

  void addNote(long taskId, String username, String text, Instant at) {
    jdbc.update("INSERT INTO patrol_task_note (task_id, username, at, text) VALUES (?, ?, ?, ?)",
        taskId, username, Timestamp.from(at), text);
  }

  record Note(String username, Instant at, String text) {}

  List<Note> notes(long taskId) {
    return jdbc.query("SELECT username, at, text FROM patrol_task_note WHERE task_id = ? "
        + "ORDER BY id", (rs, i) -> new Note(rs.getString(1), rs.getTimestamp(2).toInstant(),
            rs.getString(3)), taskId);
  }

  /**
   * A dispatch round whose tasks are all unaccepted, due for its next escalation step.
   *
   * @param dueAt when the next step fell due (the round's start plus one limit per step)
   * @param done escalation steps already taken
   */
  record OpenRound(long incidentId, int round, int priority, Instant dueAt, int done) {}

  /**
   * Rounds of DISPATCHED incidents with no task accepted yet whose next escalation step is due by
   * {@code now}, longest due first: a range of the {@code escalate_at} index, so rounds not due
   * yet, or that have taken every step (NULL), are never read, however many are open.
   */
  List<OpenRound> dueRounds(Instant now, int limit) {
    return jdbc.query("SELECT t.incident_id, t.round, MIN(t.priority), MIN(t.escalate_at), "
        + "(SELECT COUNT(*) FROM patrol_escalation e WHERE e.incident_id = t.incident_id "
        + "AND e.round = t.round) "
        + "FROM patrol_task t JOIN incident i ON i.id = t.incident_id "
        + "WHERE t.escalate_at <= ? AND t.state IN ('NEW', 'DELIVERED') "
        + "AND i.state = 'DISPATCHED' "
        + "AND NOT EXISTS (SELECT 1 FROM patrol_task a WHERE a.incident_id = t.incident_id "
        + "AND a.round = t.round AND a.state IN ('ACCEPTED', 'ARRIVED', 'RESOLVED')) "
        + "GROUP BY t.incident_id, t.round ORDER BY MIN(t.escalate_at), t.incident_id LIMIT ?",
        (rs, i) -> new OpenRound(rs.getLong(1), rs.getInt(2), rs.getInt(3),
            rs.getTimestamp(4).toInstant(), rs.getInt(5)), Timestamp.from(now), limit);
  }

  /** Sets when the round's unaccepted tasks are next due for a step (null: never). */
  void reschedule(long incidentId, int round, Instant next) {
    jdbc.update("UPDATE patrol_task SET escalate_at = ? WHERE incident_id = ? AND round = ? "
        + "AND state IN ('NEW', 'DELIVERED')", next == null ? null : Timestamp.from(next),
        incidentId, round);
  }

  /** The incident as a new task copies it; empty if there is no such incident. */
  Optional<PatrolTask.IncidentInfo> incident(long id) {
    return jdbc.query("SELECT id, version, grid_code, category, priority, title, lat, lon, state "
        + "FROM incident WHERE id = ?", (rs, i) -> new PatrolTask.IncidentInfo(rs.getLong(1),
            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
            dbl(rs, 7), dbl(rs, 8), rs.getString(9)), id).stream().findFirst();
  }

  private PatrolTask row(ResultSet rs, int i) throws SQLException {
    return new PatrolTask(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), dbl(rs, 9), dbl(rs, 10),
        TaskState.valueOf(rs.getString(11)), rs.getInt(12), rs.getInt(13), rs.getString(14),
        rs.getString(15), dbl(rs, 16), dbl(rs, 17), ts(rs, 18), ts(rs, 19), ts(rs, 20),
        ts(rs, 21), ts(rs, 22), ts(rs, 23), ts(rs, 24), ts(rs, 25));
  }

  private static Double dbl(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Instant ts(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
