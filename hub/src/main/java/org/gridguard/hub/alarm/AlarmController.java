package org.gridguard.hub.alarm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/alarms} and {@code /api/v1/alarm-rules}: alarms in the caller's scope (404
 * outside it), acknowledging and marking false (dispatchers), false-alarm rates, and the
 * correlation rules with their hits.
 */
@RestController
@Validated
@Tag(name = "alarms", description = "alarms from the edges and the hub's rules")
class AlarmController {
  static final String READERS = "hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER','VIEWER')";
  static final String CENTRE = "hasAnyRole('ADMIN','DISPATCHER')";
  static final List<String> STATES = List.of("ACTIVE", "CLEARED");

  record Note(@Size(max = AlarmService.MAX_NOTE) String note) {}

  /** A rule as configured, with its hits (all hub instances). */
  record RuleView(String name, String kind, String window, List<Map<String, Object>> members,
      String category, Integer priority, String night, Integer minDevices, long hits) {}

  private final AlarmService service;
  private final Correlator correlator;
  private final AlarmProperties props;

  AlarmController(AlarmService service, Correlator correlator, AlarmProperties props) {
    this.service = service;
    this.correlator = correlator;
    this.props = props;
  }

  @GetMapping("/api/v1/alarms")
  @PreAuthorize(READERS)
  @Operation(summary = "alarms in scope, newest activity first",
      description = "from/to: ISO instant or date (local zone) on the alarm's begin")
  AlarmView.Page list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) @Size(max = 32) String type,
      @RequestParam(required = false) @Min(1) @Max(4) Integer priority,
      @RequestParam(required = false) @Size(max = 64) String gateway,
      @RequestParam(required = false) String grid,
      @RequestParam(required = false) Long incident,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    String s = state == null || state.isBlank() ? null : state.strip().toUpperCase(Locale.ROOT);
    if (s != null && !STATES.contains(s)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "state: ACTIVE or CLEARED, was '"
          + shorten(state) + "'");
    }
    String t = type == null || type.isBlank() ? null : type.strip().toUpperCase(Locale.ROOT);
    return service.list(caller, new AlarmQuery(s, t, priority, gateway, grid, incident,
        time("from", from), time("to", to), page, size));
  }

  @GetMapping("/api/v1/alarms/{id}")
  @PreAuthorize(READERS)
  @Operation(summary = "one alarm with its history (newest first); a storm with counts per type")
  AlarmView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return service.get(caller, id);
  }

  @PostMapping("/api/v1/alarms/{id}/ack")
  @PreAuthorize(CENTRE)
  @Operation(summary = "acknowledge (once; 409 says who did)")
  AlarmView ack(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @Valid @RequestBody(required = false) Note body, HttpServletRequest request) {
    return service.acknowledge(caller, id, body == null ? null : body.note(),
        ClientAddress.of(request));
  }

  @PostMapping("/api/v1/alarms/{id}/false")
  @PreAuthorize(CENTRE)
  @Operation(summary = "mark as a false alarm (误报); note required; feeds the false-alarm rates")
  AlarmView markFalse(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @Valid @RequestBody(required = false) Note body, HttpServletRequest request) {
    return service.markFalse(caller, id, body == null ? null : body.note(),
        ClientAddress.of(request));
  }

  @GetMapping("/api/v1/alarms/false-rates")
  @PreAuthorize(READERS)
  @Operation(summary = "false-alarm rates per device and per type of alarms begun in [from, to)")
  AlarmView.FalseRates falseRates(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "200") @Min(1) @Max(5000) int limit) {
    return service.falseRates(caller, time("from", from), time("to", to), limit);
  }

  @GetMapping("/api/v1/alarm-rules")
  @PreAuthorize(READERS)
  @Operation(summary = "the correlation rules in force and how often each fired (all instances)")
  List<RuleView> rules() {
    Map<String, Long> hits = correlator.hits();
    return correlator.rules().stream().map(r -> new RuleView(r.name(),
        r.kind() == AlarmRule.Kind.ALL_OF ? "all-of" : "outage", r.window().toString(),
        r.members().stream().map(m -> {
          Map<String, Object> out = new java.util.LinkedHashMap<>();
          out.put("types", new java.util.TreeSet<>(m.types()));
          if (m.metric() != null) {
            out.put("metric", m.metric());
          }
          return out;
        }).toList(), r.category(), r.kind() == AlarmRule.Kind.ALL_OF ? r.priority() : null,
        r.nightFrom() == null ? null : r.nightFrom() + "-" + r.nightTo(),
        r.kind() == AlarmRule.Kind.OUTAGE ? r.minDevices() : null,
        hits.getOrDefault(r.name(), 0L))).toList();
  }

  /** An ISO instant, or an ISO date meaning its start in the local zone; null if absent. */
  Instant time(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(props.zone()).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + ": an ISO date "
          + "(2025-10-13) or instant (2025-10-13T01:00:00Z), was '" + shorten(text) + "'");
    }
  }

  static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
