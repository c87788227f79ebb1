package org.gridguard.hub.patrol;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/patrol/teams} and {@code /on-duty}: teams, members, the weekly roster and
 * one-off changes, for dispatchers and admins in their scope.
 */
@RestController
@RequestMapping("/api/v1/patrol")
class TeamController {
  static final String CENTRE = "hasAnyRole('ADMIN','DISPATCHER')";

  record NewTeam(String name, String gridCode) {}

  record Members(List<String> usernames) {}

  record Roster(List<TeamService.ShiftBody> shifts) {}

  /** A team as the API shows it. */
  record TeamView(long id, String name, String gridCode, String createdAt, List<String> members,
      List<ShiftView> shifts, List<ChangeView> changes) {
    static TeamView of(Team t) {
      return new TeamView(t.id(), t.name(), t.gridCode(), t.createdAt().toString(), t.members(),
          t.shifts().stream().map(s -> new ShiftView(s.username(), s.day().name(),
              s.start().toString(), s.end().toString(), s.minutes())).toList(),
          t.changes().stream().map(c -> new ChangeView(c.id(), c.username(), c.kind().name(),
              c.from().toString(), c.until().toString(), c.note(), c.createdBy())).toList());
    }
  }

  record ShiftView(String username, String day, String start, String end, int minutes) {}

  record ChangeView(long id, String username, String kind, String from, String until,
      String note, String createdBy) {}

  private final TeamService teams;

  TeamController(TeamService teams) {
    this.teams = teams;
  }

  @GetMapping("/teams")
  @PreAuthorize(CENTRE)
  List<TeamView> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String grid) {
    return teams.list(caller, grid).stream().map(TeamView::of).toList();
  }

  @PostMapping("/teams")
  @PreAuthorize(CENTRE)
  @ResponseStatus(HttpStatus.CREATED)
  TeamView create(@AuthenticationPrincipal HubPrincipal caller, @RequestBody NewTeam body,
      HttpServletRequest request) {
    return TeamView.of(teams.create(caller, body.name(), body.gridCode(),
        ClientAddress.of(request)));
  }

  @GetMapping("/teams/{id}")
  @PreAuthorize(CENTRE)
  TeamView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return TeamView.of(teams.get(caller, id));
  }

  @DeleteMapping("/teams/{id}")
  @PreAuthorize(CENTRE)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      HttpServletRequest request) {
    teams.delete(caller, id, ClientAddress.of(request));
  }

  @PutMapping("/teams/{id}/members")
  @PreAuthorize(CENTRE)
  TeamView members(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody Members body, HttpServletRequest request) {
    return TeamView.of(teams.setMembers(caller, id, body.usernames(), ClientAddress.of(request)));
  }

  @PutMapping("/teams/{id}/roster")
  @PreAuthorize(CENTRE)
  TeamView roster(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody Roster body, HttpServletRequest request) {
    return TeamView.of(teams.setRoster(caller, id, body.shifts(), ClientAddress.of(request)));
  }

  @PostMapping("/teams/{id}/changes")
  @PreAuthorize(CENTRE)
  @ResponseStatus(HttpStatus.CREATED)
  TeamView change(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody TeamService.ChangeBody body, HttpServletRequest request) {
    return TeamView.of(teams.addChange(caller, id, body, ClientAddress.of(request)));
  }

  @DeleteMapping("/teams/{id}/changes/{changeId}")
  @PreAuthorize(CENTRE)
  TeamView deleteChange(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @PathVariable long changeId, HttpServletRequest request) {
    return TeamView.of(teams.deleteChange(caller, id, changeId, ClientAddress.of(request)));
  }

  @GetMapping("/on-duty")
  @PreAuthorize(CENTRE)
  List<Team.OnDuty> onDuty(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam String grid, @RequestParam(required = false) String at) {
    return teams.onDuty(caller, grid, at);
  }
}
