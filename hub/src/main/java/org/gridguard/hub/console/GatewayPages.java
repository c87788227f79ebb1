package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.device.DeviceView;
import org.gridguard.hub.device.HealthState;
import org.gridguard.hub.gateway.GatewayConsole;
import org.gridguard.hub.gateway.GatewayDetails;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The technicians' gateways: the list with health, registering one (then its one-time enrolment
 * code, shown once with the {@code --enrol} command line), a gateway's page with its devices and
 * configuration versions, re-enrolment and revocation (each confirmed). Everything goes through
 * {@link GatewayConsole} and {@link DeviceConsole}, i.e. the REST controllers, as the user.
 */
@Controller
class GatewayPages {
  private final GatewayConsole gateways;
  private final DeviceConsole devices;
  private final TechnicianProperties config;

  GatewayPages(GatewayConsole gateways, DeviceConsole devices, TechnicianProperties config) {
    this.gateways = gateways;
    this.devices = devices;
    this.config = config;
  }

  /** A gateway row of the list: the registry's details and the derived health. */
  public record Row(GatewayDetails gateway, HealthState health) {}

  @GetMapping("/console/gateways")
  @PreAuthorize(Technicians.READERS)
  String list(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(required = false) String grid,
      @RequestParam(required = false) String after, Model model) {
    listModel(me, grid, after, model);
    return "console/tech/gateways";
  }

  private void listModel(HubPrincipal me, String grid, String after, Model model) {
    List<Row> rows = new ArrayList<>();
    List<GatewayDetails> page = gateways.list(me, grid, after, config.pageSize());
    for (GatewayDetails g : page) {
      rows.add(new Row(g, devices.stateOf(g.id(), "").orElse(null)));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("total", gateways.count(me, grid));
    model.addAttribute("grid", grid);
    model.addAttribute("next", page.size() == config.pageSize()
        ? page.get(page.size() - 1).id() : null);
    model.addAttribute("canWrite", Technicians.canWrite(me));
  }

  /**
   * Registers the gateway and at once issues its first enrolment code (the page shows it once).
   * A refusal shows the list again with the reason and the typed values.
   */
  @PostMapping("/console/gateways")
  @PreAuthorize(Technicians.WRITERS)
  String create(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(required = false) String gatewayId,
      @RequestParam(required = false) String gridCode, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    try {
      gateways.register(me, gatewayId, gridCode, request);
    } catch (ResponseStatusException e) {
      response.setStatus(e.getStatusCode().value());
      model.addAttribute("createError", e.getReason());
      model.addAttribute("newId", gatewayId);
      model.addAttribute("newGrid", gridCode);
      listModel(me, null, null, model);
      return "console/tech/gateways";
    }
    return enrolmentPage(me, gatewayId.strip(), true, request, response, model);
  }

  @GetMapping("/console/gateways/{id}")
  @PreAuthorize(Technicians.READERS)
  String gateway(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(required = false) String after, Model model) {
    GatewayDetails g = gateways.find(me, id).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no gateway '" + Technicians.cut(id) + "'"));
    List<DeviceView> list = devices.devices(me, g.id(), after == null ? "" : after,
        config.pageSize());
    List<DevicePages.Row> rows = list.stream().map(d -> new DevicePages.Row(d,
        devices.stateOf(g.id(), d.deviceId()).orElse(null))).toList();
    model.addAttribute("g", g);
    model.addAttribute("health", devices.gatewayHealth(me, g.id()));
    model.addAttribute("devices", rows);
    model.addAttribute("next", list.size() == config.pageSize()
        ? list.get(list.size() - 1).deviceId() : null);
    model.addAttribute("canWrite", Technicians.canWrite(me));
    return "console/tech/gateway";
  }

  /** A new enrolment code (re-enrolment after a factory reset); earlier unused codes stop. */
  @PostMapping("/console/gateways/{id}/enrolment")
  @PreAuthorize(Technicians.WRITERS)
  String enrol(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(required = false) String confirm, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes redirect) {
    if (!"yes".equals(confirm)) {
      redirect.addFlashAttribute("actionError", "tech.reenrol.confirmFirst");
      return "redirect:/console/gateways/" + Technicians.path(id);
    }
    return enrolmentPage(me, id, false, request, response, model);
  }

  @PostMapping("/console/gateways/{id}/revoke")
  @PreAuthorize(Technicians.WRITERS)
  String revoke(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(required = false) String confirm, HttpServletRequest request,
      RedirectAttributes redirect) {
    if (!"yes".equals(confirm)) {
      redirect.addFlashAttribute("actionError", "tech.revoke.confirmFirst");
    } else {
      gateways.revoke(me, id, request);
      redirect.addFlashAttribute("done", "tech.revoke.done");
    }
    return "redirect:/console/gateways/" + Technicians.path(id);
  }

  private String enrolmentPage(HubPrincipal me, String id, boolean created,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    DeviceConsole.Issued issued = devices.issueCode(me, id, request);
    // shown once: never cached, never kept in the history's page cache
    response.setHeader("Cache-Control", "no-store");
    model.addAttribute("issued", issued);
    model.addAttribute("created", created);
    model.addAttribute("command", "java -jar gridguard-edge-agent.jar --enrol "
        + Technicians.hubAddress(request) + " " + issued.code());
    return "console/tech/enrolment";
  }
}
