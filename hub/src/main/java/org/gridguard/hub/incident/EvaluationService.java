package org.gridguard.hub.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.grid.GridRepository;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * The evaluation (综合评价): one row per unit at {@code level} below node {@code code} (in the
 * caller's scope) over the incidents reported from {@code from} to {@code to} (dates in the
 * calendar's zone, {@code to} inclusive), as JSON-ready figures or CSV; the request checks live
 * here. {@code GET /api/v1/evaluation} ({@link EvaluationController}) and the console's
 * dashboard are its adapters; the roles are checked here too, so every front end has the same
 * ones. See {@link EvaluationRepository}.
 */
@Service
public class EvaluationService {
  static final String ROLES = "hasAnyRole('ADMIN','DISPATCHER','VIEWER')";
  private static final long MAX_DAYS = 3660;

  private final EvaluationRepository evaluation;
  private final GridRepository grids;
  private final IncidentProperties config;

  EvaluationService(EvaluationRepository evaluation, GridRepository grids,
      IncidentProperties config) {
    this.evaluation = evaluation;
    this.grids = grids;
    this.config = config;
  }

  /**
   * {@code {level, code, from, to, units: [...]}} as the REST API answers it.
   *
   * @throws ResponseStatusException 400 for a bad parameter (named), 404 for a node outside the
   *     caller's scope
   */
  @PreAuthorize(ROLES)
  public Map<String, Object> figures(HubPrincipal caller, String level, String code, String from,
      String to) {
    Request r = request(caller, level, code, from, to);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("level", r.level().name().toLowerCase(Locale.ROOT));
    body.put("code", code);
    body.put("from", from);
    body.put("to", to);
    body.put("units", evaluation.evaluate(caller.scope(), code, r.level().codeLength(), r.start(),
        r.end()));
    return body;
  }

  /** The CSV download, headers included (UTF-8 with BOM, CRLF). */
  @PreAuthorize(ROLES)
  public ResponseEntity<String> csv(HubPrincipal caller, String level, String code, String from,
      String to) {
    Request r = request(caller, level, code, from, to);
    List<EvaluationRepository.Unit> units = evaluation.evaluate(caller.scope(), code,
        r.level().codeLength(), r.start(), r.end());
    StringBuilder out = new StringBuilder("\uFEFFunit,reported,voided,closed,due,suspended,"
        + "on_time,on_time_rate,closure_rate,rework_rate,extension_rate,mean_accept_s,"
        + "mean_close_s,by_category,by_priority\r\n");
    for (EvaluationRepository.Unit u : units) {
      out.append(u.code()).append(',').append(u.reported()).append(',').append(u.voided())
          .append(',').append(u.closed()).append(',').append(u.due()).append(',')
          .append(u.suspended()).append(',').append(u.onTime()).append(',')
          .append(text(u.onTimeRate())).append(',').append(text(u.closureRate())).append(',')
          .append(text(u.reworkRate())).append(',').append(text(u.extensionRate())).append(',')
          .append(text(u.meanAcceptSeconds())).append(',').append(text(u.meanCloseSeconds()))
          .append(',').append(pairs(u.byCategory())).append(',').append(pairs(u.byPriority()))
          .append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evaluation-" + code
            + "-" + from + "-" + to + ".csv\"")
        .body(out.toString());
  }

  record Request(GridCode.Level level, Instant start, Instant end) {}

  private Request request(HubPrincipal caller, String level, String code, String from,
      String to) {
    GridCode.Level l;
    try {
      l = GridCode.Level.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "level: grid, village, town or county, was '" + IncidentController.shorten(level) + "'");
    }
    if (!GridCode.isValid(code)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "code: " + GridCode.rule());
    }
    if (code.length() > l.codeLength()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "level: " + level
          + " units cannot lie below node " + code + " (a " + GridCode.levelOf(code).orElseThrow()
              .name().toLowerCase(Locale.ROOT) + ")");
    }
    if (grids.find(code, caller.scope()).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no grid node " + code);
    }
    LocalDate start = date("from", from);
    LocalDate end = date("to", to);
    if (end.isBefore(start) || start.plusDays(MAX_DAYS).isBefore(end)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "to: must be on or after from and at most " + MAX_DAYS + " days later");
    }
    return new Request(l, start.atStartOfDay(config.zone()).toInstant(),
        end.plusDays(1).atStartOfDay(config.zone()).toInstant());
  }

  private static LocalDate date(String name, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + ": '"
          + IncidentController.shorten(text) + "' is not a date like 2026-01-31");
    }
  }

  private static String text(Double d) {
    return d == null ? "" : d.toString();
  }

  private static String pairs(Map<String, Long> counts) {
    StringBuilder s = new StringBuilder();
    counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return s.toString();
  }
}
