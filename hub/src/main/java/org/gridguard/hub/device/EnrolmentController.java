package org.gridguard.hub.device;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayAuthenticator;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.gateway.GatewayRevokedEvent;
import org.gridguard.hub.security.AttemptLimiter;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Enrolment without typed secrets. A technician asks for a one-time code for a gateway
 * ({@code POST /api/v1/gateways/{id}/enrolment}); the edge exchanges it, unauthenticated, for a
 * fresh credential ({@code POST /api/v1/enrol}, what {@code --enrol} calls). The exchange
 * replaces the gateway's credential at once: the old one is revoked and a live session closed,
 * which is what re-enrolment after a factory reset needs. Failed exchanges are limited per client
 * address like sign-in ({@link AttemptLimiter}).
 */
@RestController
class EnrolmentController {
  record Issued(String gatewayId, String code, Instant expiresAt, String hint) {}

  record Exchange(String code) {}

  record Enrolled(String gatewayId, String credential) {
    @Override
    public String toString() {
      return "Enrolled[" + gatewayId + "]";
    }
  }

  private final DeviceController devices;
  private final EnrolmentCodes codes;
  private final GatewayRepository gateways;
  private final GatewayAuthenticator authenticator;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;
  private final DeviceProperties config;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final AttemptLimiter byAddress;
  private final MeterRegistry meters;

  EnrolmentController(DeviceController devices, EnrolmentCodes codes, GatewayRepository gateways,
      GatewayAuthenticator authenticator, ApplicationEventPublisher events, AuditLog audit,
      DeviceProperties config, Clock clock, TransactionTemplate tx, MeterRegistry meters) {
    this.devices = devices;
    this.codes = codes;
    this.gateways = gateways;
    this.authenticator = authenticator;
    this.events = events;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
    this.tx = tx;
    this.meters = meters;
    this.byAddress = new AttemptLimiter(config.enrolMaxFailures(), config.enrolWindow(), 100_000,
        clock);
    meters.gauge("gridguard.device.enrol.tracked.addresses", byAddress,
        AttemptLimiter::trackedKeys);
  }

  @PostMapping("/api/v1/gateways/{id}/enrolment")
  @PreAuthorize(DeviceController.WRITERS)
  ResponseEntity<Issued> issue(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id, HttpServletRequest request) {
    Issued issued = tx.execute(s -> {
      Gateway gateway = devices.gateway(caller, id);
      Instant now = clock.instant();
      Instant expires = now.plus(config.enrolmentTtl());
      String code = codes.issue(gateway.id(), caller.username(), now, expires);
      audit.record(new AuditEntry(caller.username(), ClientAddress.of(request),
          "gateway.enrolment-code", "gateway", gateway.id(), AuditEntry.SUCCESS, null, null,
          "valid until " + expires + "; earlier unused codes withdrawn"));
      return new Issued(gateway.id(), code, expires, "on the gateway: java -jar "
          + "gridguard-edge-agent.jar --enrol <hub-host:port> " + code);
    });
    return ResponseEntity.status(HttpStatus.CREATED).body(issued);
  }

  @PostMapping("/api/v1/enrol")
  ResponseEntity<Enrolled> enrol(@RequestBody(required = false) Exchange body,
      HttpServletRequest request) {
    String address = ClientAddress.of(request);
    String key = address == null ? "unknown" : address;
    var wait = byAddress.retryAfter(key);
    if (wait.isPresent()) {
      meters.counter("gridguard.device.enrol", "outcome", "limited").increment();
      return refuse(HttpStatus.TOO_MANY_REQUESTS, "too many failed enrolment attempts from "
          + address + "; retry in " + wait.get().toSeconds() + "s", wait.get());
    }
    var code = EnrolmentCodes.normalise(body == null ? null : body.code());
    if (code.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "code: an enrolment code is "
          + EnrolmentCodes.LENGTH + " letters and digits as the technician received it "
          + "(e.g. 7KQ4-MZP2-XW)");
    }
    Instant now = clock.instant();
    String credential = authenticator.hasher().newCredential();
    EnrolmentCodes.Result result = tx.execute(s -> {
      EnrolmentCodes.Result r = codes.use(code.get(), now, address);
      if (r.refusal() == null) {
        authenticator.forget(r.gatewayId());
        gateways.rotateCredential(r.gatewayId(), authenticator.hasher().hash(credential), now,
            Duration.ZERO);
        audit.record(new AuditEntry("gateway:" + r.gatewayId(), address, "gateway.enrol",
            "gateway", r.gatewayId(), AuditEntry.SUCCESS, null, null,
            "credential issued by enrolment code; the previous credential is revoked"));
        String gw = r.gatewayId();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            authenticator.forget(gw);
            events.publishEvent(new GatewayRevokedEvent(gw));
          }
        });
      } else {
        audit.record(AuditEntry.failure("anonymous", address, "gateway.enrol", "gateway",
            r.gatewayId(), "code " + r.refusal().name().toLowerCase()));
      }
      return r;
    });
    meters.counter("gridguard.device.enrol", "outcome", result.refusal() == null ? "ok"
        : result.refusal().name().toLowerCase()).increment();
    if (result.refusal() != null) {
      byAddress.recordFailure(key);
      return switch (result.refusal()) {
        case UNKNOWN -> refuse(HttpStatus.BAD_REQUEST, "code: unknown enrolment code; check it "
            + "or ask the technician for a new one", null);
        case USED -> refuse(HttpStatus.GONE, "code: this enrolment code was already used; ask "
            + "a technician for a new one (POST /api/v1/gateways/" + result.gatewayId()
            + "/enrolment)", null);
        case EXPIRED -> refuse(HttpStatus.GONE, "code: this enrolment code has expired or was "
            + "withdrawn; ask a technician for a new one", null);
      };
    }
    byAddress.reset(key);
    return ResponseEntity.ok(new Enrolled(result.gatewayId(), credential));
  }

  private static <T> ResponseEntity<T> refuse(HttpStatus status, String detail, Duration wait) {
    if (wait == null) {
      throw new ResponseStatusException(status, detail);
    }
    throw new ResponseStatusException(status, detail) {
      @Override
      public HttpHeaders getHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
        return h;
      }
    };
  }
}
