package org.gridguard.hub.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Incident rows and their timelines. Reads for a caller take the caller's {@link GridScope} into
 * the SQL ({@code i.grid_code}); changes are conditional on state and version
 * ({@link #update}), never read-modify-write under a lock.
 */
@Repository
class IncidentRepository {
  private final JdbcTemplate jdbc;

  IncidentRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a new incident (with its version and clocks) and its timeline in one batch: the
   * REPORT event (seq 0, to REPORTED) and {@code later} — the events of moves planned before the
   * insert (the P1 fast path), whose incident id is set here.
   *
   * @return the incident as stored, with its id
   */
  Incident insert(Incident n, String note, List<IncidentEvent> later) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    Object[] clocks = clockArgs(n);
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO incident (category, priority, grid_code, lat, "
          + "lon, title, description, source, reporter, state, version, escalation_level, "
          + "created_at, updated_at, suspended_from, suspended_at, step, step_kind, "
          + "step_limit_s, step_deadline, step_yellow_at, step_remaining_s, due_kind, "
          + "due_limit_s, due_at, due_remaining_s) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"});
      ps.setString(1, n.category());
      ps.setInt(2, n.priority());
      ps.setString(3, n.gridCode());
      ps.setObject(4, n.lat(), java.sql.Types.DOUBLE);
      ps.setObject(5, n.lon(), java.sql.Types.DOUBLE);
      ps.setString(6, n.title());
      ps.setString(7, n.description());
      ps.setString(8, n.source().name());
      ps.setString(9, n.reporter());
      ps.setString(10, n.state().name());
      ps.setInt(11, n.version());
      ps.setTimestamp(12, Timestamp.from(n.createdAt()));
      ps.setTimestamp(13, Timestamp.from(n.updatedAt()));
      ps.setString(14, n.suspendedFrom() == null ? null : n.suspendedFrom().name());
      ps.setTimestamp(15, ts(n.suspendedAt()));
      for (int i = 0; i < clocks.length; i++) {
        org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(ps, 16 + i,
            org.springframework.jdbc.core.SqlTypeValue.TYPE_UNKNOWN, clocks[i]);
      }
      return ps;
    }, key);
    long id = key.getKey().longValue();
    List<IncidentEvent> events = new ArrayList<>(1 + later.size());
    events.add(new IncidentEvent(id, 0, n.createdAt(), n.reporter(), IncidentAction.REPORT, null,
        IncidentState.REPORTED, note, null));
    for (IncidentEvent e : later) {
      events.add(new IncidentEvent(id, e.seq(), e.at(), e.actor(), e.action(), e.fromState(),
          e.toState(), e.note(), e.detail()));
    }
    appendEvents(events);
    return n.withId(id);
  }

  private static final String CLOCK_COLUMNS = "step = ?, step_kind = ?, step_limit_s = ?, "
      + "step_deadline = ?, step_yellow_at = ?, step_remaining_s = ?, due_kind = ?, "
      + "due_limit_s = ?, due_at = ?, due_remaining_s = ?";

  private static Object[] clockArgs(Incident n, Object... trailing) {
    List<Object> args = new ArrayList<>();
    StepClock s = n.step();
    args.add(s == null ? null : s.step().name());
    args.add(s == null ? null : s.kind().name());
    args.add(s == null ? null : s.limit().toSeconds());
    args.add(s == null ? null : ts(s.deadline()));
    args.add(s == null ? null : ts(s.yellowAt()));
    args.add(s == null || s.remaining() == null ? null : s.remaining().toSeconds());
    StepClock d = n.due();
    args.add(d == null ? null : d.kind().name());
    args.add(d == null ? null : d.limit().toSeconds());
    args.add(d == null ? null : ts(d.deadline()));
    args.add(d == null || d.remaining() == null ? null : d.remaining().toSeconds());
    args.addAll(java.util.Arrays.asList(trailing));
    return args.toArray();
  }

  /**
   * Writes {@code after} (with its version) over the row if the row still has {@code before}'s
   * state and version.
   *
   * @return whether the row was changed (false: someone else changed it first)
   */
  boolean update(Incident before, Incident after, Instant now) {
    Object[] args = clockArgs(after, after.state().name(), after.escalationLevel(),
        after.suspendedFrom() == null ? null : after.suspendedFrom().name(),
        ts(after.suspendedAt()), ts(after.acceptedAt()), ts(after.closedAt()), ts(now),
        after.category(), after.priority(), after.title(), after.version(),
        before.id(), before.state().name(), before.version());
    if (after.version() <= before.version()) {
      throw new IllegalArgumentException("version must grow: " + before.version() + " -> "
          + after.version());
    }
    return jdbc.update("UPDATE incident SET " + CLOCK_COLUMNS + ", state = ?, "
        + "escalation_level = ?, suspended_from = ?, suspended_at = ?, accepted_at = ?, "
        + "closed_at = ?, updated_at = ?, category = ?, priority = ?, title = ?, version = ? "
        + "WHERE id = ? AND state = ? AND version = ?", args) == 1;
  }

  void appendEvent(IncidentEvent e) {
    appendEvents(List.of(e));
  }

  /** Appends the events as one JDBC batch. */
  void appendEvents(List<IncidentEvent> events) {
    List<Object[]> rows = events.stream().map(e -> new Object[] {e.incidentId(), e.seq(),
        ts(e.at()), cut(e.actor(), 128), e.action().name(),
        e.fromState() == null ? null : e.fromState().name(), e.toState().name(), e.note(),
        cut(e.detail(), 256)}).toList();
    jdbc.batchUpdate("INSERT INTO incident_event (incident_id, seq, at, actor, action, from_state, "
        + "to_state, note, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /** The incident if it exists and is inside {@code scope}. */
  Optional<Incident> find(long id, GridScope scope) {
    GridScope.SqlFilter in = scope.filter("i.grid_code");
    return jdbc.query("SELECT i.* FROM incident i WHERE i.id = ? AND " + in.condition(),
        IncidentRepository::row, in.argsAfter(id)).stream().findFirst();
  }

  /** Incidents inside {@code scope} matching {@code q}, newest first, and their total count. */
  record Page(List<Incident> items, long total) {}

  Page list(GridScope scope, IncidentQuery q, Instant now) {
    GridScope.SqlFilter in = scope.filter("i.grid_code");
    StringBuilder where = new StringBuilder(" FROM incident i WHERE ").append(in.condition());
    List<Object> args = new ArrayList<>(in.args());
    if (q.state() != null) {
      where.append(" AND i.state = ?");
      args.add(q.state().name());
    }
    if (q.priority() != null) {
      where.append(" AND i.priority = ?");
      args.add(q.priority());
    }
    if (q.category() != null) {
      where.append(" AND i.category = ?");
      args.add(q.category());
    }
    if (q.grid() != null) {
      where.append(" AND i.grid_code LIKE ?");
      args.add(q.grid() + "%");
    }
    Timestamp t = ts(now);
    if (q.overdue() != null) {
      where.append(q.overdue() ? " AND i.step_deadline <= ?"
          : " AND (i.step_deadline IS NULL OR i.step_deadline > ?)");
      args.add(t);
    }
    if (q.colour() != null) {
      switch (q.colour()) {
        case RED -> {
          where.append(" AND i.step_deadline <= ?");
          args.add(t);
        }
        case YELLOW -> {
          where.append(" AND i.step_deadline > ? AND i.step_yellow_at <= ?");
          args.add(t);
          args.add(t);
        }
        case GREEN -> {
          where.append(" AND i.step_yellow_at > ?");
          args.add(t);
        }
      }
    }
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
    args.add(q.size());
    args.add((long) q.page() * q.size());
    List<Incident> items = jdbc.query("SELECT i.*" + where + " ORDER BY i.id DESC LIMIT ? OFFSET ?",
        IncidentRepository::row, args.toArray());
    return new Page(items, total == null ? 0 : total);
  }

  List<IncidentEvent> events(long id) {
    return jdbc.query("SELECT * FROM incident_event WHERE incident_id = ? ORDER BY seq",
        (rs, i) -> new IncidentEvent(rs.getLong("incident_id"), rs.getInt("seq"),
            rs.getTimestamp("at").toInstant(), rs.getString("actor"),
            IncidentAction.valueOf(rs.getString("action")), state(rs.getString("from_state")),
            IncidentState.valueOf(rs.getString("to_state")), rs.getString("note"),
            rs.getString("detail")), id);
  }

  int count(long id, IncidentAction action) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM incident_event WHERE incident_id = ? "
        + "AND action = ?", Integer.class, id, action.name());
    return n == null ? 0 : n;
  }

  /** Links an alarm to an incident. @throws org.springframework.dao.DuplicateKeyException if linked */
  void linkAlarm(long incidentId, AlarmRef alarm) {
    jdbc.update("INSERT INTO incident_alarm (alarm_key, incident_id, gateway_id, device_id, "
        + "alarm_at) VALUES (?, ?, ?, ?, ?)", alarm.alarmKey(), incidentId, alarm.gatewayId(),
        alarm.deviceId(), ts(alarm.at()));
  }

  Optional<Long> incidentOfAlarm(String alarmKey) {
    return jdbc.queryForList("SELECT incident_id FROM incident_alarm WHERE alarm_key = ?",
        Long.class, alarmKey).stream().findFirst();
  }

  /** The alarm keys of an incident, oldest first. */
  List<String> alarms(long incidentId) {
    return jdbc.queryForList("SELECT alarm_key FROM incident_alarm WHERE incident_id = ? "
        + "ORDER BY alarm_at, alarm_key", String.class, incidentId);
  }

  int moveAlarms(long fromIncident, long toIncident) {
    return jdbc.update("UPDATE incident_alarm SET incident_id = ? WHERE incident_id = ?",
        toIncident, fromIncident);
  }

  /**
   * Records that the incident reached {@code level}.
   *
   * @throws org.springframework.dao.DuplicateKeyException if it already did (another instance)
   */
  void insertEscalation(long incidentId, int level, Instant at, String actor) {
    jdbc.update("INSERT INTO incident_escalation (incident_id, level, at, actor) VALUES (?, ?, ?, ?)",
        incidentId, level, ts(at), cut(actor, 128));
  }

  /** Ids of open incidents below the county whose step deadline has passed, oldest deadline first. */
  List<Long> overdue(Instant now, int limit) {
    List<String> open = Transitions.OPEN.stream().map(Enum::name).toList();
    List<Object> args = new ArrayList<>(open);
    args.add(ts(now));
    args.add(Incident.COUNTY_LEVEL);
    args.add(limit);
    return jdbc.queryForList("SELECT id FROM incident WHERE state IN ("
        + String.join(", ", java.util.Collections.nCopies(open.size(), "?"))
        + ") AND step_deadline <= ? AND escalation_level < ? ORDER BY step_deadline LIMIT ?",
        Long.class, args.toArray());
  }

  private static Incident row(ResultSet rs, int i) throws SQLException {
    return new Incident(rs.getLong("id"), rs.getString("category"), rs.getInt("priority"),
        rs.getString("grid_code"), (Double) rs.getObject("lat", Double.class),
        rs.getObject("lon", Double.class), rs.getString("title"), rs.getString("description"),
        Incident.Source.valueOf(rs.getString("source")), rs.getString("reporter"),
        IncidentState.valueOf(rs.getString("state")), rs.getInt("version"),
        rs.getInt("escalation_level"), stepClock(rs), dueClock(rs),
        state(rs.getString("suspended_from")), instant(rs, "suspended_at"),
        instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "accepted_at"),
        instant(rs, "closed_at"));
  }

  private static StepClock stepClock(ResultSet rs) throws SQLException {
    String step = rs.getString("step");
    if (step == null) {
      return null;
    }
    return new StepClock(Step.valueOf(step), LimitKind.valueOf(rs.getString("step_kind")),
        Duration.ofSeconds(rs.getLong("step_limit_s")), instant(rs, "step_deadline"),
        instant(rs, "step_yellow_at"), seconds(rs, "step_remaining_s"));
  }

  private static StepClock dueClock(ResultSet rs) throws SQLException {
    String kind = rs.getString("due_kind");
    if (kind == null) {
      return null;
    }
    return new StepClock(Step.CASE, LimitKind.valueOf(kind),
        Duration.ofSeconds(rs.getLong("due_limit_s")), instant(rs, "due_at"), null,
        seconds(rs, "due_remaining_s"));
  }

  private static Duration seconds(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Duration.ofSeconds(v);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static IncidentState state(String name) {
    return name == null ? null : IncidentState.valueOf(name);
  }

  static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
