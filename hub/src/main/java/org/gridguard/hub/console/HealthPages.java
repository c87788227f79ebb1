package org.gridguard.hub.console;

import java.util.Arrays;
import java.util.List;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.device.HealthState;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Device health: every gateway and device of the reader's scope with its derived state, filtered
 * by state, subject and grid ({@code GET /api/v1/health} through {@link DeviceConsole}); a bad
 * filter is named above the (unfiltered) list. One device's history is on its own page.
 */
@Controller
class HealthPages {
  private final DeviceConsole devices;
  private final TechnicianProperties config;

  HealthPages(DeviceConsole devices, TechnicianProperties config) {
    this.devices = devices;
    this.config = config;
  }

  @GetMapping("/console/health")
  @PreAuthorize(Technicians.READERS)
  String list(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String subject,
      @RequestParam(required = false) String grid,
      @RequestParam(required = false) String after,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
    List<DeviceConsole.HealthRow> rows;
    String problem = null;
    try {
      rows = devices.healthList(me, state, subject, grid, after, config.pageSize());
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() != 400) {
        throw e;
      }
      problem = e.getReason();
      rows = devices.healthList(me, null, null, null, null, config.pageSize());
    }
    model.addAttribute("rows", rows);
    model.addAttribute("problem", problem);
    model.addAttribute("state", state);
    model.addAttribute("subject", subject);
    model.addAttribute("grid", grid);
    model.addAttribute("states", Arrays.asList(HealthState.values()));
    DeviceConsole.HealthRow last = rows.size() == config.pageSize() ? rows.get(rows.size() - 1)
        : null;
    model.addAttribute("next", last == null ? null : last.gatewayId() + "/" + last.deviceId());
    return htmx != null ? "console/tech/health :: results" : "console/tech/health";
  }
}
