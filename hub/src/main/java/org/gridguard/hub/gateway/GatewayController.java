package org.gridguard.hub.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.grid.GridRepository;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Gateways for technicians: register in a grid of one's scope, revoke, issue a new credential.
 * The credential is returned once; the hub keeps only its hash. Reads are open to every role,
 * limited to the caller's grid scope; a gateway outside it answers 404.
 */
@RestController
@RequestMapping("/api/v1/gateways")
@Validated
class GatewayController {
  record Registration(@NotNull @Size(max = 64) String gatewayId,
      @NotNull @Size(max = 15) String gridCode) {}

  record Issued(String gatewayId, String gridCode, String credential) {}

  /** Where a gateway stands, set by a technician (every field replaced; null clears it). */
  record Place(@Size(max = 256) String address, Double lat, Double lon,
      @Size(max = 2000) String notes) {}

  /**
   * The edge's pushed configuration: desired version, the version the edge runs, where it
   * stands (in_sync, pending, failed, offline) and the edge's last answer with its problems.
   */
  record ConfigState(long desiredVersion, Long appliedVersion,
      org.gridguard.hub.gateway.ConfigSyncState state, Long lastResultVersion,
      Boolean lastResultOk, java.time.Instant lastResultAt, List<String> problems) {}

  record View(String gatewayId, String gridCode, boolean revoked, String address, Double lat,
      Double lon, String notes, String softwareVersion, java.time.Instant lastSeenAt,
      ConfigState config) {
    static View of(GatewayDetails g) {
      return new View(g.id(), g.gridCode(), g.revoked(), g.address(), g.lat(), g.lon(), g.notes(),
          g.softwareVersion(), g.lastSeenAt(), new ConfigState(g.configVersion(),
              g.appliedConfigVersion(), g.configState(), g.configResultVersion(),
              g.configResultOk(), g.configResultAt(), g.configProblemList()));
    }
  }

  private final GatewayRepository gateways;
  private final GatewayAuthenticator authenticator;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;
  private final GridRepository grids;

  GatewayController(GatewayRepository gateways, GatewayAuthenticator authenticator,
      ApplicationEventPublisher events, AuditLog audit, GridRepository grids) {
    this.grids = grids;
    this.gateways = gateways;
    this.authenticator = authenticator;
    this.events = events;
    this.audit = audit;
  }

  @GetMapping
  @PreAuthorize("isAuthenticated()")
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String grid,
      @RequestParam(defaultValue = "") @Size(max = 64) String after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    if (grid != null && !GridCode.isValid(grid)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "grid: " + GridCode.rule());
    }
    List<View> page = gateways.listDetails(caller.scope(), grid, after, limit).stream()
        .map(View::of).toList();
    return Map.of("total", gateways.count(caller.scope(), grid), "items", page);
  }

  @GetMapping("/{id}")
  @PreAuthorize("isAuthenticated()")
  View get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id) {
    return View.of(gateways.details(inScope(caller, id).id(), caller.scope()).orElseThrow());
  }

  /** Sets the gateway's address, WGS-84 position and notes. */
  @org.springframework.web.bind.annotation.PutMapping("/{id}")
  @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
  @Transactional
  View place(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id,
      @Valid @RequestBody Place place, HttpServletRequest request) {
    Gateway gateway = inScope(caller, id);
    if ((place.lat() == null) != (place.lon() == null)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "lat, lon: give both (WGS-84 degrees) or neither");
    }
    if (place.lat() != null && (place.lat().isNaN() || Math.abs(place.lat()) > 90
        || place.lon().isNaN() || Math.abs(place.lon()) > 180)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "lat, lon: must be WGS-84 degrees (lat -90..90, lon -180..180), was " + place.lat()
              + ", " + place.lon());
    }
    gateways.updatePlace(gateway.id(), blankToNull(place.address()), place.lat(), place.lon(),
        blankToNull(place.notes()));
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "gateway.update", "gateway", gateway.id()));
    return View.of(gateways.details(gateway.id(), caller.scope()).orElseThrow());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  @PostMapping
  @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
  @Transactional
  ResponseEntity<Issued> register(@AuthenticationPrincipal HubPrincipal caller,
      @Valid @RequestBody Registration registration, HttpServletRequest request) {
    if (!GridCode.levelOf(registration.gridCode()).equals(
        java.util.Optional.of(GridCode.Level.GRID))) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "gridCode: a gateway belongs to a grid (15 digits), was '" + registration.gridCode() + "'");
    }
    if (!caller.scope().covers(registration.gridCode())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "gridCode: " + registration.gridCode() + " is outside your grid scope");
    }
    if (!grids.isGridOfLevel(registration.gridCode(), GridCode.Level.GRID)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "gridCode: no grid "
          + registration.gridCode() + "; create it first (POST /api/v1/grids or an import)");
    }
    String credential = authenticator.hasher().newCredential();
    Gateway gateway;
    try {
      gateway = new Gateway(registration.gatewayId(), authenticator.hasher().hash(credential),
          registration.gridCode(), false);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "gatewayId: " + e.getMessage());
    }
    try {
      gateways.insert(gateway);
    } catch (DuplicateKeyException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "gatewayId: " + gateway.id() + " is already registered");
    }
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "gateway.register", "gateway", gateway.id())
        .withChange(null, "{\"gridCode\":\"" + gateway.gridCode() + "\"}"));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new Issued(gateway.id(), gateway.gridCode(), credential));
  }

  /** Revokes the gateway; a live session gets Reject(REVOKED) and is closed. */
  @PostMapping("/{id}/revoke")
  @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
  @Transactional
  ResponseEntity<Void> revoke(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id, HttpServletRequest request) {
    Gateway gateway = inScope(caller, id);
    authenticator.forget(gateway.id());
    gateways.setRevoked(gateway.id(), true);
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "gateway.revoke", "gateway", gateway.id()));
    afterCommit(() -> {
      authenticator.forget(gateway.id()); // again: a Hello during the transaction may have re-cached it
      events.publishEvent(new GatewayRevokedEvent(gateway.id()));
    });
    return ResponseEntity.noContent().build();
  }

  /**
   * Issues a new credential (and clears a revocation); the live session is closed. With
   * {@code grace} (e.g. {@code 1h}, {@code PT30M}; at most 30 days) the old credential keeps
   * working that long, so gateways can be rolled over without downtime; without it, it stops at
   * once.
   */
  @PostMapping("/{id}/credential")
  @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
  @Transactional
  Issued reissue(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id,
      @RequestParam(required = false) String grace, HttpServletRequest request) {
    java.time.Duration window = grace == null ? java.time.Duration.ZERO : parseGrace(grace);
    Gateway gateway = inScope(caller, id);
    String credential = authenticator.hasher().newCredential();
    authenticator.forget(gateway.id());
    gateways.rotateCredential(gateway.id(), authenticator.hasher().hash(credential),
        java.time.Instant.now(), window);
    audit.record(new AuditEntry(caller.username(), ClientAddress.of(request),
        "gateway.credential-issue", "gateway", gateway.id(), AuditEntry.SUCCESS, null, null,
        window.isZero() ? "old credential revoked" : "old credential valid for " + window));
    afterCommit(() -> {
      authenticator.forget(gateway.id()); // again: a Hello during the transaction may have re-cached it
      events.publishEvent(new GatewayRevokedEvent(gateway.id()));
    });
    return new Issued(gateway.id(), gateway.gridCode(), credential);
  }

  private static java.time.Duration parseGrace(String text) {
    java.time.Duration d;
    try {
      d = org.springframework.boot.convert.DurationStyle.detectAndParse(text);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "grace: must be a duration like 30s, 1h or PT1H, was '" + text + "'");
    }
    if (d.isNegative() || d.compareTo(java.time.Duration.ofDays(30)) > 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "grace: must be between 0 and 30 days, was " + d);
    }
    return d;
  }

  /** Live sessions are closed only once the change is committed, so a reconnect sees it. */
  private static void afterCommit(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }

  private Gateway inScope(HubPrincipal caller, String id) {
    return gateways.find(id, caller.scope()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no gateway '" + (id.length() > 64 ? id.substring(0, 64) : id) + "'"));
  }
}
