package org.gridguard.hub.incident;

import java.util.Map;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/evaluation} and {@code .csv}: the REST adapter of {@link EvaluationService},
 * which holds the checks, the figures and the CSV format.
 */
@RestController
class EvaluationController {
  static final String ROLES = EvaluationService.ROLES;

  private final EvaluationService evaluation;

  EvaluationController(EvaluationService evaluation) {
    this.evaluation = evaluation;
  }

  @GetMapping("/api/v1/evaluation")
  @PreAuthorize(ROLES)
  Map<String, Object> json(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam String level, @RequestParam String code, @RequestParam String from,
      @RequestParam String to) {
    return evaluation.figures(caller, level, code, from, to);
  }

  @GetMapping("/api/v1/evaluation.csv")
  @PreAuthorize(ROLES)
  ResponseEntity<String> csv(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam String level, @RequestParam String code, @RequestParam String from,
      @RequestParam String to) {
    return evaluation.csv(caller, level, code, from, to);
  }
}
