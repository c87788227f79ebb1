package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.incident.IncidentState;
import org.gridguard.hub.evidence.EvidenceAccess;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dispatcher's incident queue and incident detail. Everything goes through
 * {@link IncidentService} as the signed-in user, so scope and roles are the API's; htmx requests
 * get the page's fragment ({@code HX-Request}), others the whole page.
 */
@Controller
class IncidentPages {
  private final IncidentService incidents;
  private final IncidentActions actions;
  private final ConsoleProperties config;
  private final Catalog catalog;
  private final EvidenceAccess evidence;

  IncidentPages(IncidentService incidents, IncidentActions actions, ConsoleProperties config,
      Catalog catalog, EvidenceAccess evidence) {
    this.incidents = incidents;
    this.actions = actions;
    this.config = config;
    this.catalog = catalog;
    this.evidence = evidence;
  }

  @GetMapping("/console/incidents")
  @PreAuthorize(Navigation.READERS)
  String queue(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String grid,
      @RequestParam(required = false) String overdue,
      @RequestParam(required = false) String colour,
      @RequestParam(defaultValue = "0") int page,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
    QueueFilter filter = new QueueFilter(state, priority, category, grid, overdue, colour, page);
    IncidentService.Page found = incidents.list(me, filter.query(config.pageSize()));
    long pages = Math.max(1, (found.total() + found.size() - 1) / found.size());
    model.addAttribute("filter", filter);
    model.addAttribute("problems", filter.problems());
    model.addAttribute("found", found);
    model.addAttribute("pages", pages);
    model.addAttribute("previous", page > 0 ? filter.queryString(page - 1) : null);
    model.addAttribute("next", page + 1 < pages ? filter.queryString(page + 1) : null);
    model.addAttribute("states", Arrays.asList(IncidentState.values()));
    model.addAttribute("categories", catalog.categories());
    model.addAttribute("catalog", catalog);
    return htmx != null ? "console/incidents :: queue" : "console/incidents";
  }

  @GetMapping("/console/incidents/{id}")
  @PreAuthorize(Navigation.READERS)
  String detail(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
    model.addAttribute("incident", incidents.get(me, id));
    model.addAttribute("catalog", catalog);
    model.addAttribute("evidence", evidence.ofIncident(me, id));
    return htmx != null ? "console/incident :: detail" : "console/incident";
  }

  /**
   * One evidence file of an incident's alarms (the detail lists them; each opening is audited as
   * {@code evidence.view}, scoped to the caller's grids like the API).
   */
  @GetMapping("/console/evidence/{gatewayId}/{evidenceId}")
  @PreAuthorize(Navigation.READERS)
  ResponseEntity<FileSystemResource> evidence(@AuthenticationPrincipal HubPrincipal me,
      @PathVariable String gatewayId, @PathVariable String evidenceId,
      HttpServletRequest request) {
    return evidence.open(me, gatewayId, evidenceId, request);
  }

  /**
   * Takes {@code action} with the note. A refused action (wrong state, someone was quicker, a note
   * missing) shows the incident again with the reason and the note kept.
   */
  @PostMapping("/console/incidents/{id}/act")
  @PreAuthorize(Navigation.ACTORS)
  String act(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id,
      @RequestParam String action, @RequestParam(required = false) String note,
      @RequestParam(required = false) String duration,
      @RequestHeader(value = "HX-Request", required = false) String htmx,
      HttpServletRequest request, HttpServletResponse response, Model model,
      RedirectAttributes redirect) {
    IncidentActions.Outcome outcome = actions.take(me, id, action, note, duration,
        ClientAddress.of(request));
    if (outcome.error() == null && htmx == null) {
      redirect.addFlashAttribute("done", outcome.action());
      return "redirect:/console/incidents/" + id;
    }
    model.addAttribute("incident", outcome.incident());
    model.addAttribute("catalog", catalog);
    model.addAttribute("evidence", outcome.incident() == null ? java.util.List.of()
        : evidence.ofIncident(me, id));
    model.addAttribute("done", outcome.error() == null ? outcome.action() : null);
    model.addAttribute("actionError", outcome.error());
    model.addAttribute("note", outcome.error() == null ? null : note);
    if (outcome.error() != null) {
      response.setStatus(outcome.error().status());
    }
    return htmx != null ? "console/incident :: detail" : "console/incident";
  }
}
