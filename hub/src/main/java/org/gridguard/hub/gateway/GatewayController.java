package org.gridguard.hub.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gateway registration for technicians. The credential is returned once, at registration or
 * re-issue; the hub keeps only its hash.
 */
@RestController
@RequestMapping("/api/gateways")
class GatewayController {
  record Registration(@NotBlank String gatewayId, @NotBlank String gridCode) {}

  record Issued(String gatewayId, String gridCode, String credential) {}

  record View(String gatewayId, String gridCode, boolean revoked) {}

  private final GatewayRepository gateways;
  private final GatewayAuthenticator authenticator;
  private final ApplicationEventPublisher events;

  GatewayController(GatewayRepository gateways, GatewayAuthenticator authenticator,
      ApplicationEventPublisher events) {
    this.gateways = gateways;
    this.authenticator = authenticator;
    this.events = events;
  }

  @GetMapping
  List<View> list() {
    return gateways.findAll().stream()
        .map(g -> new View(g.id(), g.gridCode(), g.revoked())).toList();
  }

  @PostMapping
  ResponseEntity<?> register(@Valid @RequestBody Registration registration) {
    String credential = authenticator.hasher().newCredential();
    Gateway gateway;
    try {
      gateway = new Gateway(registration.gatewayId(), authenticator.hasher().hash(credential),
          registration.gridCode(), false);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
    try {
      gateways.insert(gateway);
    } catch (DuplicateKeyException e) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(Map.of("error", "gateway " + gateway.id() + " is already registered"));
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new Issued(gateway.id(), gateway.gridCode(), credential));
  }

  @PostMapping("/{id}/revoke")
  ResponseEntity<?> revoke(@PathVariable String id) {
    authenticator.forget(id);
    if (!gateways.setRevoked(id, true)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no gateway " + id));
    }
    events.publishEvent(new GatewayRevokedEvent(id));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/credential")
  ResponseEntity<?> reissue(@PathVariable String id) {
    String credential = authenticator.hasher().newCredential();
    authenticator.forget(id);
    return gateways.setCredentialHash(id, authenticator.hasher().hash(credential))
        ? ResponseEntity.ok(Map.of("gatewayId", id, "credential", credential))
        : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no gateway " + id));
  }
}
