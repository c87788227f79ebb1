package org.gridguard.hub.console;

import java.time.LocalDate;
import java.util.Map;
import org.gridguard.hub.grid.GridNode;
import org.gridguard.hub.grid.GridOutlines;
import org.gridguard.hub.incident.EvaluationService;
import org.gridguard.hub.incident.IncidentProperties;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The evaluation dashboard (综合评价): the REST API's figures per unit and period as ECharts
 * charts and a table ({@code assets/evaluation.js}), and the same CSV download, both through
 * {@link EvaluationService} (same roles, scope and checks).
 */
@Controller
class EvaluationPages {
  private final EvaluationService evaluation;
  private final GridOutlines grids;
  private final IncidentProperties incidents;

  EvaluationPages(EvaluationService evaluation, GridOutlines grids, IncidentProperties incidents) {
    this.evaluation = evaluation;
    this.grids = grids;
    this.incidents = incidents;
  }

  @GetMapping("/console/evaluation")
  @PreAuthorize(Navigation.EVALUATORS)
  String page(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(required = false) String level, @RequestParam(required = false) String code,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      Model model) {
    LocalDate today = LocalDate.now(incidents.zone());
    model.addAttribute("level", level == null ? "grid" : level);
    model.addAttribute("code", code != null ? code
        : grids.inScope(me.scope(), 1).stream().map(GridNode::code).findFirst().orElse(""));
    model.addAttribute("from", from != null ? from : today.withDayOfMonth(1).toString());
    model.addAttribute("to", to != null ? to : today.toString());
    return "console/evaluation";
  }

  /** The figures as JSON for the charts; a bad parameter answers {@code {"error": ...}}. */
  @GetMapping("/console/evaluation/figures")
  @PreAuthorize(Navigation.EVALUATORS)
  @ResponseBody
  ResponseEntity<Map<String, Object>> figures(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam String level, @RequestParam String code, @RequestParam String from,
      @RequestParam String to) {
    try {
      return ResponseEntity.ok(evaluation.figures(me, level, code, from, to));
    } catch (ResponseStatusException e) {
      return ResponseEntity.status(e.getStatusCode()).body(Map.of("error",
          e.getReason() == null ? HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase()
              : e.getReason()));
    }
  }

  @GetMapping("/console/evaluation.csv")
  @PreAuthorize(Navigation.EVALUATORS)
  ResponseEntity<String> csv(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam String level, @RequestParam String code, @RequestParam String from,
      @RequestParam String to) {
    return evaluation.csv(me, level, code, from, to);
  }
}
