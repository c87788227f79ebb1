package org.gridguard.hub.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A gateway's edge profile — the MQTT mapping presets it uses, its own mapping rules and its
 * device-type edge rules — which the hub puts into the gateway's pushed configuration as
 * {@code mapping.presets}, {@code mapping.rules} and {@code rules.device_types} (PROTOCOL.md
 * §10), and the presets the edge ships. Readers of the registry read it (a gateway outside the
 * caller's scope is 404); technicians and admins change it (audited).
 */
@RestController
@Tag(name = "gateway edge profile", description = "MQTT mapping presets and rules and "
    + "device-type edge rules per gateway, pushed to the edge")
class EdgeProfileController {
  private final EdgeProfileRepository profiles;
  private final EdgeProfiles writer;
  private final GatewayRepository gateways;

  EdgeProfileController(EdgeProfileRepository profiles, EdgeProfiles writer,
      GatewayRepository gateways) {
    this.profiles = profiles;
    this.writer = writer;
    this.gateways = gateways;
  }

  @GetMapping("/api/v1/edge/mapping-presets")
  @PreAuthorize(DeviceController.READERS)
  @Operation(summary = "the MQTT mapping presets the edge agent ships",
      description = "items: [{name, topics, description}] — the names a gateway's edge profile "
          + "may choose in mappingPresets. The edge owns their content.",
      responses = @ApiResponse(responseCode = "200", description = "the presets"))
  Map<String, List<MappingPresets.Preset>> presets() {
    return Map.of("items", MappingPresets.ALL);
  }

  @GetMapping("/api/v1/gateways/{id}/edge-profile")
  @PreAuthorize(DeviceController.READERS)
  @Operation(summary = "the gateway's edge profile",
      description = "mappingPresets (list of names), mappingRules and deviceTypeRules (YAML text "
          + "as written); absent = not managed by the hub (the gateway's local file keeps that "
          + "key); updatedAt/updatedBy null when never set.",
      responses = {@ApiResponse(responseCode = "200", description = "the profile"),
          @ApiResponse(responseCode = "404", description = "no such gateway in your scope")})
  EdgeProfileView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id) {
    return EdgeProfileView.of(profiles.find(id, caller.scope()).orElseThrow(() -> notFound(id)));
  }

  @PutMapping("/api/v1/gateways/{id}/edge-profile")
  @PreAuthorize(DeviceController.WRITERS)
  @Operation(summary = "replace the gateway's edge profile",
      description = "Body {mappingPresets, mappingRules, deviceTypeRules}; a part left out or "
          + "null is not managed (the gateway's file keeps it), [] / \"[]\" / \"{}\" manage it "
          + "as empty. Judged at once: known preset names, YAML (SafeConstructor, size capped by "
          + "gridguard.edge-profile.max-yaml-bytes), mapping rules (list; name unique, topic a "
          + "valid MQTT filter, device_type, device_id, known keys, something to map), "
          + "device-type rules (device type → thresholds, rate_of_change, expected_interval, "
          + "door_held_open, denied_swipes). A change raises the gateway's config version and "
          + "is pushed to its live session; the edge's verdict shows in "
          + "GET /api/v1/gateways/{id}/config/status. Audited as gateway.edge_profile.update.",
      responses = {@ApiResponse(responseCode = "200", description = "stored"),
          @ApiResponse(responseCode = "400", description = "errors: [{field, reason}], every "
              + "problem with its path, e.g. mappingRules[2].topic"),
          @ApiResponse(responseCode = "404", description = "no such gateway in your scope")})
  EdgeProfileView put(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id,
      @RequestBody EdgeProfileInput input, HttpServletRequest request) {
    Gateway gateway = gateways.find(id, caller.scope()).orElseThrow(() -> notFound(id));
    try {
      return EdgeProfileView.of(writer.save(caller, ClientAddress.of(request), gateway, input));
    } catch (InvalidProfileException e) {
      throw badRequest(e);
    }
  }

  /** 400 problem details with {@code errors: [{field, reason}]}, like the other 400s. */
  static ErrorResponseException badRequest(InvalidProfileException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "the edge profile is refused: " + e.getMessage());
    problem.setProperty("errors", e.problems());
    if (e.notListed() > 0) {
      problem.setProperty("notListed", e.notListed());
    }
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
  }

  private static ResponseStatusException notFound(String id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "no gateway '" + Checks.cut(id)
        + "'");
  }
}
