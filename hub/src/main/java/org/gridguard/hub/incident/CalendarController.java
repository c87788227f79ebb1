package org.gridguard.hub.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/calendar}: the working calendar — work periods of the day and the dates that
 * differ from Monday–Friday (public holidays, make-up workdays 调休), readable by everyone,
 * changed by admins (audited). China's holidays cannot be computed; import each year's notice.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Validated
class CalendarController {
  record DayChange(@NotNull DayKind kind, @Size(max = CalendarDay.MAX_NAME) String name) {}

  record Periods(@NotNull @Size(min = 1, max = 8) List<String> periods) {}

  private final CalendarRepository calendar;
  private final IncidentProperties config;
  private final AuditLog audit;
  private final ObjectMapper json;

  CalendarController(CalendarRepository calendar, IncidentProperties config, AuditLog audit,
      ObjectMapper json) {
    this.calendar = calendar;
    this.config = config;
    this.audit = audit;
    this.json = json;
  }

  @GetMapping
  @PreAuthorize("isAuthenticated()")
  Map<String, Object> year(@RequestParam @Min(2000) @Max(2200) int year) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("zone", config.zone().getId());
    body.put("workPeriods", calendar.periods().stream().map(WorkPeriod::toString).toList());
    body.put("year", year);
    body.put("days", calendar.year(year));
    return body;
  }

  @PutMapping("/{date}")
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  CalendarDay put(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String date,
      @Valid @RequestBody DayChange body, HttpServletRequest request) {
    CalendarDay day;
    try {
      day = new CalendarDay(parseDate(date), body.kind(), body.name());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    calendar.put(List.of(day));
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request), "calendar.set",
        "calendar", day.date().toString()).withChange(null, "{\"kind\":\"" + day.kind() + "\"}"));
    return day;
  }

  @DeleteMapping("/{date}")
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  ResponseEntity<Void> remove(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String date, HttpServletRequest request) {
    LocalDate d = parseDate(date);
    if (!calendar.remove(d)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no calendar entry for " + d
          + " (it is an ordinary " + (d.getDayOfWeek().getValue() >= 6 ? "weekend day" : "workday")
          + ")");
    }
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "calendar.remove", "calendar", d.toString()));
    return ResponseEntity.noContent().build();
  }

  /** The file itself is the body ({@code text/csv} or {@code application/json}). */
  @PostMapping("/import")
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  ResponseEntity<Map<String, Object>> importYear(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam String format, @RequestBody(required = false) String body,
      HttpServletRequest request) {
    CalendarImport.Result result = switch (format) {
      case "csv" -> CalendarImport.csv(body == null ? "" : body, config.calendarImportMaxRows());
      case "json" -> CalendarImport.json(body == null ? "" : body, json,
          config.calendarImportMaxRows());
      default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "format: csv or json, was '" + IncidentController.shorten(format) + "'");
    };
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("stored", result.problems().isEmpty());
    report.put("dates", result.days().size());
    report.put("problems", result.problems().stream().limit(100).toList());
    if (!result.problems().isEmpty()) {
      return ResponseEntity.unprocessableEntity().body(report);
    }
    calendar.put(result.days());
    audit.record(new AuditEntry(caller.username(), ClientAddress.of(request), "calendar.import",
        "calendar", null, AuditEntry.SUCCESS, null, null, result.days().size() + " date(s)"));
    return ResponseEntity.ok(report);
  }

  @PutMapping("/work-periods")
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  Map<String, Object> periods(@AuthenticationPrincipal HubPrincipal caller,
      @Valid @RequestBody Periods body, HttpServletRequest request) {
    List<WorkPeriod> periods;
    try {
      periods = WorkPeriod.validDay(body.periods().stream().map(WorkPeriod::parse).toList());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "periods: " + e.getMessage());
    }
    String before = String.join(",", calendar.periods().stream().map(WorkPeriod::toString).toList());
    calendar.setPeriods(periods);
    String after = String.join(",", periods.stream().map(WorkPeriod::toString).toList());
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "calendar.work-periods", "calendar", null)
        .withChange("\"" + before + "\"", "\"" + after + "\""));
    return Map.of("workPeriods", periods.stream().map(WorkPeriod::toString).toList());
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date: '"
          + IncidentController.shorten(text) + "' is not a date like 2026-10-01");
    }
  }
}
