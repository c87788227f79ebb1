package org.gridguard.hub.patrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Teams, members, the weekly roster and one-off changes; and "who is on duty in grid G at T" as
 * one query. Reads for a caller put the caller's scope into the SQL ({@code t.grid_code}).
 */
@Repository
class TeamRepository {
  /**
   * On duty at T: a weekly shift covers T's minute of the week (wall clock in the deployment's
   * zone, wrapping over midnight and over Sunday→Monday) and no REMOVE change covers T, or an ADD
   * change covers T. The caller adds which teams ({@code %s}).
   */
  private static final String ON_DUTY = "SELECT m.username, t.id, t.name, t.grid_code "
      + "FROM patrol_team t JOIN patrol_member m ON m.team_id = t.id WHERE %s AND (("
      + "EXISTS (SELECT 1 FROM patrol_shift s WHERE s.team_id = t.id AND s.username = m.username "
      + "AND MOD(? - s.start_minute + 10080, 10080) < s.minutes) "
      + "AND NOT EXISTS (SELECT 1 FROM patrol_roster_change c WHERE c.team_id = t.id "
      + "AND c.username = m.username AND c.kind = 'REMOVE' AND c.from_at <= ? AND c.until_at > ?)"
      + ") OR EXISTS (SELECT 1 FROM patrol_roster_change c WHERE c.team_id = t.id "
      + "AND c.username = m.username AND c.kind = 'ADD' AND c.from_at <= ? AND c.until_at > ?)) "
      + "ORDER BY CHAR_LENGTH(t.grid_code) DESC, t.id, m.position, m.username";

  private final JdbcTemplate jdbc;

  TeamRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String name, String gridCode, Instant at) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO patrol_team (name, grid_code, created_at) "
          + "VALUES (?, ?, ?)", new String[] {"id"});
      ps.setString(1, name);
      ps.setString(2, gridCode);
      ps.setTimestamp(3, Timestamp.from(at));
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  /** The team if it exists and is in {@code scope}. */
  Optional<Team> find(long id, GridScope scope) {
    GridScope.SqlFilter f = scope.filter("t.grid_code");
    List<Team> found = jdbc.query("SELECT t.id, t.name, t.grid_code, t.created_at "
        + "FROM patrol_team t WHERE t.id = ? AND " + f.condition(), TeamRepository::head,
        f.argsAfter(id)).stream().map(this::team).toList();
    return found.stream().findFirst();
  }

  /** Teams in scope, of grid node {@code grid} and below if given, by grid and name. */
  List<Team> list(GridScope scope, String grid) {
    GridScope.SqlFilter f = scope.filter("t.grid_code");
    String sql = "SELECT t.id, t.name, t.grid_code, t.created_at FROM patrol_team t WHERE "
        + f.condition() + (grid == null ? "" : " AND t.grid_code LIKE ?")
        + " ORDER BY t.grid_code, t.name";
    Object[] args = grid == null ? f.argsAfter() : f.argsAfterThen(new Object[0], grid + "%");
    return jdbc.query(sql, TeamRepository::head, args).stream().map(this::team).toList();
  }

  boolean delete(long id) {
    return jdbc.update("DELETE FROM patrol_team WHERE id = ?", id) == 1;
  }

  /** Replaces the members (in this order); shifts and changes of dropped members go with them. */
  void setMembers(long teamId, List<String> usernames) {
    List<String> current = members(teamId);
    for (String u : current) {
      if (!usernames.contains(u)) {
        jdbc.update("DELETE FROM patrol_member WHERE team_id = ? AND username = ?", teamId, u);
      }
    }
    for (int i = 0; i < usernames.size(); i++) {
      String u = usernames.get(i);
      if (current.contains(u)) {
        jdbc.update("UPDATE patrol_member SET position = ? WHERE team_id = ? AND username = ?",
            i, teamId, u);
      } else {
        jdbc.update("INSERT INTO patrol_member (team_id, username, position) VALUES (?, ?, ?)",
            teamId, u, i);
      }
    }
  }

  List<String> members(long teamId) {
    return jdbc.queryForList("SELECT username FROM patrol_member WHERE team_id = ? "
        + "ORDER BY position, username", String.class, teamId);
  }

  /** Replaces the weekly roster. */
  void setShifts(long teamId, List<Shift> shifts) {
    jdbc.update("DELETE FROM patrol_shift WHERE team_id = ?", teamId);
    jdbc.batchUpdate("INSERT INTO patrol_shift (team_id, username, start_minute, minutes) "
        + "VALUES (?, ?, ?, ?)", shifts.stream().map(s -> new Object[] {teamId, s.username(),
            s.startMinute(), s.minutes()}).toList());
  }

  List<Shift> shifts(long teamId) {
    return jdbc.query("SELECT username, start_minute, minutes FROM patrol_shift WHERE team_id = ? "
        + "ORDER BY start_minute, username", (rs, i) -> Shift.of(rs.getString(1), rs.getInt(2),
            rs.getInt(3)), teamId);
  }

  long insertChange(long teamId, Team.RosterChange c, Instant at) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO patrol_roster_change (team_id, username, kind, "
          + "from_at, until_at, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"});
      ps.setLong(1, teamId);
      ps.setString(2, c.username());
      ps.setString(3, c.kind().name());
      ps.setTimestamp(4, Timestamp.from(c.from()));
      ps.setTimestamp(5, Timestamp.from(c.until()));
      ps.setString(6, c.note());
      ps.setString(7, c.createdBy());
      ps.setTimestamp(8, Timestamp.from(at));
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  boolean deleteChange(long teamId, long changeId) {
    return jdbc.update("DELETE FROM patrol_roster_change WHERE team_id = ? AND id = ?", teamId,
        changeId) == 1;
  }

  /** Changes that have not ended before {@code since}. */
  List<Team.RosterChange> changes(long teamId, Instant since) {
    return jdbc.query("SELECT id, username, kind, from_at, until_at, note, created_by "
        + "FROM patrol_roster_change WHERE team_id = ? AND until_at > ? ORDER BY from_at, id",
        (rs, i) -> new Team.RosterChange(rs.getLong(1), rs.getString(2),
            Team.RosterChange.Kind.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(),
            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)),
        teamId, Timestamp.from(since));
  }

  /**
   * Who is on duty at {@code at} for grid {@code grid} (15 digits): members of the grid's own
   * teams first, then of its village's teams; each member once.
   */
  List<Team.OnDuty> onDuty(String grid, Instant at, ZoneId zone) {
    return distinct(query("t.grid_code IN (?, ?)", new Object[] {grid, grid.substring(0, 12)},
        at, zone));
  }

  /** Who is on duty at {@code at} in the other grids' teams of {@code grid}'s village. */
  List<Team.OnDuty> onDutyNeighbours(String grid, Instant at, ZoneId zone) {
    return distinct(query("t.grid_code LIKE ? AND CHAR_LENGTH(t.grid_code) = 15 "
        + "AND t.grid_code <> ?", new Object[] {grid.substring(0, 12) + "%", grid}, at, zone));
  }

  private List<Team.OnDuty> query(String teams, Object[] teamArgs, Instant at, ZoneId zone) {
    Timestamp t = Timestamp.from(at);
    List<Object> args = new ArrayList<>(List.of(teamArgs));
    args.addAll(List.of(Shift.minuteOfWeek(at, zone), t, t, t, t));
    return jdbc.query(ON_DUTY.formatted(teams), (rs, i) -> new Team.OnDuty(rs.getString(1),
        rs.getLong(2), rs.getString(3), rs.getString(4)), args.toArray());
  }

  private static List<Team.OnDuty> distinct(List<Team.OnDuty> rows) {
    List<Team.OnDuty> out = new ArrayList<>();
    for (Team.OnDuty r : rows) {
      if (out.stream().noneMatch(o -> o.username().equals(r.username()))) {
        out.add(r);
      }
    }
    return out;
  }

  /** A {@code patrol_team} row before its members, shifts and changes are read. */
  private record Head(long id, String name, String gridCode, Instant createdAt) {}

  private static Head head(ResultSet rs, int i) throws SQLException {
    return new Head(rs.getLong("id"), rs.getString("name"), rs.getString("grid_code"),
        rs.getTimestamp("created_at").toInstant());
  }

  /**
   * Members, shifts and changes, read after the team query has returned its connection (a query
   * inside a row mapper takes a second pooled connection while holding the first: enough of
   * them at once starve the pool; see {@code UserRepository}).
   */
  private Team team(Head h) {
    return new Team(h.id(), h.name(), h.gridCode(), h.createdAt(), members(h.id()),
        shifts(h.id()), changes(h.id(), Instant.EPOCH));
  }
}
