package org.gridguard.hub.incident;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/incidents}: report, list, read and move incidents through the workflow. Every
 * read is scoped in SQL; an incident outside the caller's scope is 404 like one that does not
 * exist. Which role may take which action from which state is {@link Transitions}; this
 * controller only lets through the roles that may take some action at all.
 */
@RestController
@RequestMapping("/api/v1/incidents")
@Validated
class IncidentController {
  static final String READERS = "hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER','VIEWER')";
  static final String ACTORS = "hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER')";

  /** A manual report; priority defaults to the category's. */
  record NewReport(@NotNull @Size(min = 4, max = 4) String category,
      @Min(1) @Max(4) Integer priority, @NotNull @Size(max = 15) String gridCode, Double lat,
      Double lon, @Size(max = 200) String title, @Size(max = 4000) String description) {}

  /** The body of an action: a note (required for some), a duration for {@code extend}. */
  record ActionBody(@Size(max = IncidentEvent.MAX_NOTE) String note,
      @Size(max = 32) String duration) {}

  record Merge(@NotNull Long otherId, @Size(max = IncidentEvent.MAX_NOTE) String note) {}

  private final IncidentService service;

  IncidentController(IncidentService service) {
    this.service = service;
  }

  @GetMapping
  @PreAuthorize(READERS)
  IncidentService.Page list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) @Min(1) @Max(4) Integer priority,
      @RequestParam(required = false) @Size(max = 4) String category,
      @RequestParam(required = false) String grid,
      @RequestParam(required = false) Boolean overdue,
      @RequestParam(required = false) String colour,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return service.list(caller, new IncidentQuery(parse(IncidentState.class, "state", state),
        priority, category, grid, overdue, parse(StepClock.Colour.class, "colour", colour), page,
        size));
  }

  @GetMapping("/{id}")
  @PreAuthorize(READERS)
  IncidentView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return service.get(caller, id);
  }

  @GetMapping("/{id}/events")
  @PreAuthorize(READERS)
  List<IncidentView.EventView> events(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable long id) {
    return service.events(caller, id);
  }

  @PostMapping
  @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','GRID_MEMBER')")
  ResponseEntity<IncidentView> report(@AuthenticationPrincipal HubPrincipal caller,
      @Valid @RequestBody NewReport body, HttpServletRequest request) {
    IncidentView created = service.report(caller, new IncidentService.NewIncident(
        body.category(), body.priority(), body.gridCode(), body.lat(), body.lon(), body.title(),
        body.description()), ClientAddress.of(request));
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  @PostMapping("/{id}/merge")
  @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
  IncidentView merge(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @Valid @RequestBody Merge body, HttpServletRequest request) {
    return service.merge(caller, id, body.otherId(), body.note(), ClientAddress.of(request));
  }

  @PostMapping("/{id}/{action}")
  @PreAuthorize(ACTORS)
  IncidentView act(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @PathVariable String action, @Valid @RequestBody(required = false) ActionBody body,
      HttpServletRequest request) {
    IncidentAction a = IncidentAction.fromPath(action).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no action '" + shorten(action)
            + "'; actions are " + java.util.Arrays.stream(IncidentAction.values())
                .filter(IncidentAction::viaActionPath).map(IncidentAction::pathName).toList()));
    ActionBody b = body == null ? new ActionBody(null, null) : body;
    Duration duration = b.duration() == null ? null : parseDuration(b.duration());
    return service.act(caller, id, a, b.note(), duration, ClientAddress.of(request));
  }

  static Duration parseDuration(String text) {
    try {
      return DurationStyle.detectAndParse(text);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "duration: must be a duration like 30m, 4h, 2d or PT4H, was '" + shorten(text) + "'");
    }
  }

  static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + ": '" + shorten(value)
          + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
