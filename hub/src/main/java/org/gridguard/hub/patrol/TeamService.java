package org.gridguard.hub.patrol;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.grid.GridRepository;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.UserAccount;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.value.GridCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Team, member and roster changes by dispatchers and admins, inside their scope (a team outside
 * it is 404 like an absent one; a new team outside it is 403), each audited.
 */
@Service
class TeamService {
  static final int MAX_MEMBERS = 200;
  static final int MAX_SHIFTS = 2000;

  private final TeamRepository teams;
  private final GridRepository grids;
  private final UserRepository users;
  private final AuditLog audit;
  private final PatrolProperties config;
  private final Clock clock;

  TeamService(TeamRepository teams, GridRepository grids, UserRepository users, AuditLog audit,
      PatrolProperties config, Clock clock) {
    this.teams = teams;
    this.grids = grids;
    this.users = users;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /** A weekly shift as the API takes it. */
  record ShiftBody(String username, String day, String start, String end) {}

  /** A one-off change as the API takes it: dates (whole days) or local date-times. */
  record ChangeBody(String username, String kind, String from, String until, String note) {}

  @Transactional
  Team create(HubPrincipal caller, String name, String gridCode, String address) {
    if (name == null || name.isBlank() || name.strip().length() > 128) {
      throw bad("name: required, at most 128 characters");
    }
    Optional<GridCode.Level> level = GridCode.levelOf(gridCode);
    if (level.isEmpty() || (level.get() != GridCode.Level.VILLAGE
        && level.get() != GridCode.Level.GRID)) {
      throw bad("gridCode: a team belongs to a village (12 digits) or a grid (15 digits), was '"
          + gridCode + "'");
    }
    if (!caller.scope().covers(gridCode)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "gridCode: " + gridCode
          + " is outside your grid scope");
    }
    if (!grids.exists(gridCode)) {
      throw bad("gridCode: no grid node " + gridCode + " (import the grids first)");
    }
    long id;
    try {
      id = teams.insert(name.strip(), gridCode, clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "name: " + gridCode
          + " already has a team named '" + name.strip() + "'");
    }
    audit(caller, address, "patrol.team.create", id, name.strip() + " @ " + gridCode);
    return teams.find(id, caller.scope()).orElseThrow();
  }

  @Transactional(readOnly = true)
  Team get(HubPrincipal caller, long id) {
    return teams.find(id, caller.scope()).orElseThrow(() -> notFound(id));
  }

  @Transactional(readOnly = true)
  List<Team> list(HubPrincipal caller, String grid) {
    if (grid != null && !GridCode.isValid(grid)) {
      throw bad("grid: " + GridCode.rule());
    }
    return teams.list(caller.scope(), grid);
  }

  @Transactional
  void delete(HubPrincipal caller, long id, String address) {
    get(caller, id);
    teams.delete(id);
    audit(caller, address, "patrol.team.delete", id, null);
  }

  /** Replaces the members: PATROL users, enabled, whose scope covers the team's grid node. */
  @Transactional
  Team setMembers(HubPrincipal caller, long id, List<String> usernames, String address) {
    Team team = get(caller, id);
    if (usernames == null) {
      throw bad("usernames: required (a list, possibly empty)");
    }
    if (usernames.size() > MAX_MEMBERS) {
      throw bad("usernames: at most " + MAX_MEMBERS + " members, were " + usernames.size());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < usernames.size(); i++) {
      String u = usernames.get(i);
      String field = "usernames[" + i + "]";
      if (u == null || !seen.add(u)) {
        throw bad(field + ": " + (u == null ? "null" : "'" + u + "' is listed twice"));
      }
      UserAccount user = users.findByUsername(u).orElseThrow(() ->
          bad(field + ": no user '" + u + "'"));
      if (!user.enabled() || !user.roles().contains(Role.PATROL)) {
        throw bad(field + ": '" + u + "' is not an enabled PATROL user");
      }
      if (!user.scope().covers(team.gridCode())) {
        throw bad(field + ": the grid scope of '" + u + "' does not cover " + team.gridCode()
            + ", so they could not see its tasks; widen their scope first");
      }
    }
    teams.setMembers(id, usernames);
    audit(caller, address, "patrol.team.members", id, String.join(",", usernames));
    return get(caller, id);
  }

  /** Replaces the weekly roster. */
  @Transactional
  Team setRoster(HubPrincipal caller, long id, List<ShiftBody> body, String address) {
    Team team = get(caller, id);
    if (body == null) {
      throw bad("shifts: required (a list, possibly empty)");
    }
    if (body.size() > MAX_SHIFTS) {
      throw bad("shifts: at most " + MAX_SHIFTS + ", were " + body.size());
    }
    List<Shift> shifts = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      ShiftBody s = body.get(i);
      String field = "shifts[" + i + "]";
      if (s == null) {
        throw bad(field + ": null");
      }
      member(team, field + ".username", s.username());
      try {
        shifts.add(new Shift(s.username(), Shift.parseDay(field + ".day", s.day()),
            Shift.parseTime(field + ".start", s.start()),
            Shift.parseTime(field + ".end", s.end())));
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
    }
    teams.setShifts(id, shifts);
    audit(caller, address, "patrol.team.roster", id, shifts.size() + " shift(s)");
    return get(caller, id);
  }

  @Transactional
  Team addChange(HubPrincipal caller, long id, ChangeBody body, String address) {
    Team team = get(caller, id);
    if (body == null) {
      throw bad("body: required {username, kind, from, until, note?}");
    }
    member(team, "username", body.username());
    Team.RosterChange.Kind kind;
    try {
      kind = Team.RosterChange.Kind.valueOf(String.valueOf(body.kind()).toUpperCase());
    } catch (IllegalArgumentException e) {
      throw bad("kind: ADD (on duty) or REMOVE (off duty), was '" + body.kind() + "'");
    }
    Instant from = instant("from", body.from(), false);
    Instant until = instant("until", body.until(), true);
    if (!until.isAfter(from)) {
      throw bad("until: must be after from (" + body.from() + "), was '" + body.until() + "'");
    }
    if (body.note() != null && body.note().length() > 500) {
      throw bad("note: at most 500 characters, was " + body.note().length());
    }
    long changeId = teams.insertChange(id, new Team.RosterChange(0, body.username(), kind, from,
        until, body.note(), caller.username()), clock.instant());
    audit(caller, address, "patrol.team.change", id, "change " + changeId + ": " + kind + " "
        + body.username() + " " + from + " – " + until);
    return get(caller, id);
  }

  @Transactional
  Team deleteChange(HubPrincipal caller, long id, long changeId, String address) {
    get(caller, id);
    if (!teams.deleteChange(id, changeId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "team " + id + " has no change "
          + changeId);
    }
    audit(caller, address, "patrol.team.change-delete", id, "change " + changeId);
    return get(caller, id);
  }

  /** Who is on duty in grid {@code grid} at {@code at} (now if null). */
  @Transactional(readOnly = true)
  List<Team.OnDuty> onDuty(HubPrincipal caller, String grid, String at) {
    if (!GridCode.levelOf(grid).equals(Optional.of(GridCode.Level.GRID))) {
      throw bad("grid: a grid code (15 digits), was '" + grid + "'");
    }
    if (!caller.scope().covers(grid) || !grids.exists(grid)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no grid " + grid);
    }
    Instant when = at == null ? clock.instant() : instant("at", at, false);
    return teams.onDuty(grid, when, config.zone());
  }

  private static void member(Team team, String field, String username) {
    if (username == null || !team.members().contains(username)) {
      throw bad(field + ": '" + username + "' is not a member of team " + team.id()
          + " (set the members first)");
    }
  }

  /**
   * An instant from a local date ({@code 2025-10-13}: its start, or for an {@code until} the
   * start of the next day, so a date range is inclusive), a local date-time (deployment zone) or
   * an ISO instant with offset.
   */
  private Instant instant(String field, String text, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      throw bad(field + ": required (a date 2025-10-13, a local time 2025-10-13T20:00 in "
          + config.zone() + ", or an instant with offset)");
    }
    String t = text.strip();
    try {
      if (t.length() == 10) {
        LocalDate d = LocalDate.parse(t);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay(config.zone()).toInstant();
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return java.time.OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).atZone(config.zone()).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(field + ": not a date (2025-10-13), local date-time (2025-10-13T20:00) or "
          + "instant (2025-10-13T12:00:00Z): '" + text + "'");
    }
  }

  private void audit(HubPrincipal caller, String address, String action, long teamId,
      String detail) {
    audit.record(new AuditEntry(caller.username(), address, action, "patrol_team",
        Long.toString(teamId), AuditEntry.SUCCESS, null, null, detail));
  }

  static ResponseStatusException bad(String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }

  private static ResponseStatusException notFound(long id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "no patrol team " + id);
  }
}
