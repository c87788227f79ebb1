package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.device.EdgeProfileConsole;
import org.gridguard.hub.device.EdgeProfileView;
import org.gridguard.hub.device.InvalidProfileException;
import org.gridguard.hub.device.ProfileProblem;
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

/**
 * A gateway's "MQTT mapping and edge rules" page: the shipped presets as checkboxes with their
 * topics and descriptions, the own mapping rules and device-type rules as YAML, and the push
 * state, which follows the edge's answer after a save. A refusal shows each problem beside its
 * field with the typed text kept. Everything goes through {@link EdgeProfileConsole}, i.e. the
 * REST controller, as the user.
 */
@Controller
class EdgeProfilePages {
  static final String VIEW = "console/tech/edge-profile";

  private final EdgeProfileConsole profiles;
  private final GatewayConsole gateways;

  EdgeProfilePages(EdgeProfileConsole profiles, GatewayConsole gateways) {
    this.profiles = profiles;
    this.gateways = gateways;
  }

  @GetMapping("/console/gateways/{id}/edge-profile")
  @PreAuthorize(Technicians.READERS)
  String page(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(required = false) String saved, Model model) {
    GatewayDetails g = gateway(me, id);
    EdgeProfileView p = profiles.profile(me, g.id());
    model.addAttribute("saved", saved != null);
    return page(me, g, p.mappingPresets(), p.mappingRules(), p.deviceTypeRules(), p, Map.of(),
        model);
  }

  /** The push state alone, polled by the page while a version is on its way (htmx). */
  @GetMapping("/console/gateways/{id}/edge-profile/state")
  @PreAuthorize(Technicians.READERS)
  String state(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id, Model model) {
    model.addAttribute("g", gateway(me, id));
    return VIEW + " :: pushState";
  }

  @PostMapping("/console/gateways/{id}/edge-profile")
  @PreAuthorize(Technicians.WRITERS)
  String save(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(name = "preset", required = false) List<String> presets,
      @RequestParam(required = false) String mappingRules,
      @RequestParam(required = false) String deviceTypeRules, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    GatewayDetails g = gateway(me, id);
    try {
      profiles.save(me, g.id(), presets, mappingRules, deviceTypeRules, request);
    } catch (InvalidProfileException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("saved", false);
      model.addAttribute("notListed", e.notListed());
      return page(me, g, presets, mappingRules, deviceTypeRules, profiles.profile(me, g.id()),
          byField(e.problems()), model);
    }
    return "redirect:/console/gateways/" + Technicians.path(g.id()) + "/edge-profile?saved=1";
  }

  private String page(HubPrincipal me, GatewayDetails g, List<String> chosen, String rules,
      String types, EdgeProfileView stored, Map<String, List<ProfileProblem>> problems,
      Model model) {
    model.addAttribute("g", g);
    model.addAttribute("presets", profiles.presets());
    model.addAttribute("chosen", chosen == null ? List.of() : chosen);
    model.addAttribute("mappingRules", rules == null ? "" : rules);
    model.addAttribute("deviceTypeRules", types == null ? "" : types);
    model.addAttribute("stored", stored);
    model.addAttribute("problems", problems);
    model.addAttribute("canWrite", Technicians.canWrite(me));
    return VIEW;
  }

  /** The problems by the form field they belong to (mappingPresets, mappingRules, …). */
  static Map<String, List<ProfileProblem>> byField(List<ProfileProblem> problems) {
    Map<String, List<ProfileProblem>> out = new LinkedHashMap<>();
    for (ProfileProblem p : problems) {
      String field = p.field().startsWith("mappingRules") ? "mappingRules"
          : p.field().startsWith("deviceTypeRules") ? "deviceTypeRules" : "mappingPresets";
      out.computeIfAbsent(field, k -> new ArrayList<>()).add(p);
    }
    return out;
  }

  private GatewayDetails gateway(HubPrincipal me, String id) {
    return gateways.find(me, id).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no gateway '" + Technicians.cut(id) + "'"));
  }
}
