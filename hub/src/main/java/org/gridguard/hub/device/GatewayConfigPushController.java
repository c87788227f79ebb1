package org.gridguard.hub.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.ingest.EdgeSession;
import org.gridguard.hub.ingest.EdgeSessions;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The configuration pushed to a gateway (PROTOCOL.md §10): where it stands, and "push now".
 */
@RestController
@Tag(name = "gateway config push", description = "the assembled configuration pushed to live "
    + "gateways: desired and applied versions, the edge's answer")
class GatewayConfigPushController {
  static final String STATUS_READERS = "hasAnyRole('ADMIN','TECHNICIAN','VIEWER')";

  private final ConfigStatusService status;
  private final ConfigPusher pusher;
  private final GatewayRepository gateways;
  private final EdgeSessions sessions;
  private final AuditLog audit;

  GatewayConfigPushController(ConfigStatusService status, ConfigPusher pusher,
      GatewayRepository gateways, EdgeSessions sessions, AuditLog audit) {
    this.status = status;
    this.pusher = pusher;
    this.gateways = gateways;
    this.sessions = sessions;
    this.audit = audit;
  }

  @GetMapping("/api/v1/gateways/{id}/config/status")
  @PreAuthorize(STATUS_READERS)
  @Operation(summary = "where the gateway's pushed configuration stands",
      description = "desiredVersion (the hub's), appliedVersion (what the edge runs, from its "
          + "Hello and its answers), state: in_sync, pending (a push is due or on the way), "
          + "failed (the edge refused the desired version — problems lists why, one per line "
          + "with its YAML path — or never answered it), offline (not connected); lastResultAt, "
          + "lastResultOk, detail (what to do).",
      responses = {@ApiResponse(responseCode = "200", description = "the status"),
          @ApiResponse(responseCode = "404", description = "no such gateway in your scope")})
  ConfigStatus status(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id) {
    return status.status(caller, id);
  }

  @PostMapping("/api/v1/gateways/{id}/config/push")
  @PreAuthorize(DeviceController.WRITERS)
  @Operation(summary = "push the gateway's current configuration now",
      description = "re-assembles the configuration and sends it to the gateway's live session "
          + "on this hub instance, even a version that failed before (audited as "
          + "gateway.config.push). 409 when the gateway is not connected here or did not list "
          + "command.v1.",
      responses = {@ApiResponse(responseCode = "202", description = "sent; the status follows "
          + "the edge's answer"),
          @ApiResponse(responseCode = "404", description = "no such gateway in your scope"),
          @ApiResponse(responseCode = "409", description = "not connected here, no command.v1, "
              + "or the registry cannot be assembled")})
  ResponseEntity<ConfigStatus> push(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id, HttpServletRequest request) {
    Gateway gateway = gateways.find(id, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no gateway '" + Checks.cut(id) + "'"));
    EdgeSession session = sessions.live(gateway.id()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.CONFLICT, "gateway " + gateway.id() + " has no "
            + "session on this hub instance: it is offline (the configuration is pushed at its "
            + "next Hello) or connected to another instance (whose sweep pushes it)"));
    if (!session.commands()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "gateway " + gateway.id()
          + "'s session did not list feature command.v1: its edge agent cannot take a pushed "
          + "configuration (update it)");
    }
    long version = pusher.force(gateway.id()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.CONFLICT, "gateway " + gateway.id() + ": "
            + status.status(caller, gateway.id()).detail()));
    audit.record(new AuditEntry(caller.username(), ClientAddress.of(request),
        "gateway.config.push", "gateway", gateway.id(), AuditEntry.SUCCESS, null, null,
        "version " + version));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(status.status(caller, gateway.id()));
  }
}
