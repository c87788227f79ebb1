package org.gridguard.hub.incident;

import java.util.Map;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The evaluation figures for other front ends (the console's dashboard): the same answers as
 * {@code GET /api/v1/evaluation} and {@code .csv}, with the same checks, roles and scope. The
 * REST controller holds the request checks and the CSV format; calling it keeps one of each
 * (moving them here would mean editing it, which the console branch does not do — a later
 * refactoring can move them into this class).
 */
@Component
public class EvaluationService {
  private final EvaluationController rest;

  EvaluationService(EvaluationController rest) {
    this.rest = rest;
  }

  /**
   * {@code {level, code, from, to, units: [...]}} as the REST API answers it.
   *
   * @throws org.springframework.web.server.ResponseStatusException 400 for a bad parameter (named),
   *     404 for a node outside the caller's scope
   */
  public Map<String, Object> figures(HubPrincipal caller, String level, String code, String from,
      String to) {
    return rest.json(caller, level, code, from, to);
  }

  /** The CSV download, headers included (UTF-8 with BOM, CRLF). */
  public ResponseEntity<String> csv(HubPrincipal caller, String level, String code, String from,
      String to) {
    return rest.csv(caller, level, code, from, to);
  }
}
