package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.incident.IncidentQuery;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.incident.IncidentState;
import org.gridguard.hub.incident.IncidentView;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
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
 * The patrol's phone page. For members with tasks (PATROL, ADMIN) it opens with <em>my tasks</em>
 * ({@link PatrolPhone}: the task feed, offline queue and task detail, rendered by
 * {@code patrol-tasks.js} from {@code /patrol/api/tasks}); below them, and for grid members
 * alone, the open incidents waiting for a handler in the caller's grids (dispatched, accepted,
 * in progress), newest first, each with big buttons for the handler's steps (accept, start,
 * resolve, return) — the way to act while nobody of the grid's patrol is on duty, when a
 * dispatch waits unassigned.
 */
@Controller
class PatrolPages {
  /** States a handler acts in. */
  static final List<IncidentState> OPEN = List.of(IncidentState.DISPATCHED,
      IncidentState.ACCEPTED, IncidentState.IN_PROGRESS);
  /** At most this many per state on the phone (the list is a to-do list, not an archive). */
  static final int PER_STATE = 50;
  private static final Set<String> HANDLER_STEPS = Set.of("accept", "start", "resolve", "return");

  private final IncidentService incidents;
  private final IncidentActions actions;
  private final Catalog catalog;
  private final PatrolPhone phone;

  PatrolPages(IncidentService incidents, IncidentActions actions, Catalog catalog,
      PatrolPhone phone) {
    this.incidents = incidents;
    this.actions = actions;
    this.catalog = catalog;
    this.phone = phone;
  }

  @GetMapping("/patrol")
  @PreAuthorize(Navigation.HANDLERS)
  String list(@AuthenticationPrincipal HubPrincipal me,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
    List<IncidentView> open = new ArrayList<>();
    for (IncidentState state : OPEN) {
      open.addAll(incidents.list(me, new IncidentQuery(state, null, null, null, null, null, 0,
          PER_STATE)).items());
    }
    open.sort(Comparator.comparing(IncidentView::createdAt).reversed()
        .thenComparing(Comparator.comparingLong(IncidentView::id).reversed()));
    model.addAttribute("open", open);
    model.addAttribute("catalog", catalog);
    if (htmx != null) {
      return "patrol/list :: tasks";
    }
    boolean tasks = PatrolPhone.hasTasks(me);
    model.addAttribute("phone", tasks);
    if (tasks) {
      phone.fill(model, me);
    }
    return "patrol/list";
  }

  @GetMapping("/patrol/incidents/{id}")
  @PreAuthorize(Navigation.HANDLERS)
  String detail(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id, Model model) {
    return show(incidents.get(me, id), model);
  }

  @PostMapping("/patrol/incidents/{id}/act")
  @PreAuthorize(Navigation.HANDLERS)
  String act(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id,
      @RequestParam String action, @RequestParam(required = false) String note,
      HttpServletRequest request, HttpServletResponse response, Model model,
      RedirectAttributes redirect) {
    IncidentActions.Outcome outcome = actions.take(me, id, action, note, null,
        ClientAddress.of(request));
    if (outcome.error() == null) {
      redirect.addFlashAttribute("done", outcome.action());
      return "resolve".equals(action) || "return".equals(action)
          ? "redirect:/patrol" : "redirect:/patrol/incidents/" + id;
    }
    response.setStatus(outcome.error().status());
    model.addAttribute("actionError", outcome.error());
    model.addAttribute("note", note);
    return show(outcome.incident(), model);
  }

  private String show(IncidentView incident, Model model) {
    model.addAttribute("incident", incident);
    model.addAttribute("steps", incident.actions().stream().filter(HANDLER_STEPS::contains)
        .toList());
    model.addAttribute("catalog", catalog);
    return "patrol/incident";
  }
}
