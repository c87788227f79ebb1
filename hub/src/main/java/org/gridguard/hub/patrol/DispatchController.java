package org.gridguard.hub.patrol;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Dispatch to patrols and the tasks of an incident, for the centre. */
@RestController
@RequestMapping("/api/v1/patrol")
class DispatchController {
  record Dispatch(Long incidentId, String username, String note) {}

  private final DispatchService dispatch;

  DispatchController(DispatchService dispatch) {
    this.dispatch = dispatch;
  }

  @PostMapping("/dispatch")
  @PreAuthorize(TeamController.CENTRE)
  List<TaskView> dispatch(@AuthenticationPrincipal HubPrincipal caller,
      @RequestBody Dispatch body, HttpServletRequest request) {
    return dispatch.dispatch(caller, body.incidentId(), body.username(), body.note(),
        ClientAddress.of(request));
  }

  @GetMapping("/incidents/{id}/tasks")
  @PreAuthorize(TeamController.CENTRE)
  List<TaskView> tasks(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return dispatch.ofIncident(caller, id);
  }
}
