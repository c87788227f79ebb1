package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gridguard.hub.maintenance.OrderConsole;
import org.gridguard.hub.security.HubPrincipal;
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
 * Maintenance orders (运维工单): open ones first by default, newest first, and closing one with a
 * note — through {@link OrderConsole}, i.e. the REST controller (note rule, 409 when the hub or
 * a colleague closed it meanwhile, audit).
 */
@Controller
class OrderPages {
  private final OrderConsole orders;
  private final TechnicianProperties config;

  OrderPages(OrderConsole orders, TechnicianProperties config) {
    this.orders = orders;
    this.config = config;
  }

  @GetMapping("/console/orders")
  @PreAuthorize(Technicians.READERS)
  String list(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(defaultValue = "OPEN") String state,
      @RequestParam(required = false) String gateway,
      @RequestParam(defaultValue = "9223372036854775807") long before, Model model) {
    model(me, state, gateway, before, model);
    return "console/tech/orders";
  }

  private void model(HubPrincipal me, String state, String gateway, long before, Model model) {
    String problem = null;
    OrderConsole.Page page;
    try {
      page = orders.list(me, state.isBlank() ? null : state, gateway, before, config.pageSize());
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() != 400) {
        throw e;
      }
      problem = e.getReason();
      page = orders.list(me, null, null, Long.MAX_VALUE, config.pageSize());
    }
    model.addAttribute("page", page);
    model.addAttribute("problem", problem);
    model.addAttribute("state", state);
    model.addAttribute("gateway", gateway);
    model.addAttribute("canWrite", Technicians.canWrite(me));
  }

  @PostMapping("/console/orders/{id}/close")
  @PreAuthorize(Technicians.WRITERS)
  String close(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id,
      @RequestParam(required = false) String note, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes redirect) {
    try {
      orders.close(me, id, note, request);
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() == 404) {
        throw e;
      }
      response.setStatus(e.getStatusCode().value());
      model(me, "OPEN", null, Long.MAX_VALUE, model);
      model.addAttribute("closeError", e.getReason());
      model.addAttribute("closeId", id);
      model.addAttribute("note", note);
      return "console/tech/orders";
    }
    redirect.addFlashAttribute("closed", id);
    return "redirect:/console/orders";
  }
}
