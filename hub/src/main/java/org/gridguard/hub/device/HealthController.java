package org.gridguard.hub.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Derived health, read-only (there is no endpoint to set it): a gateway's or device's current
 * state with its cause and history, and a list filtered by state — all scoped by grid in SQL.
 */
@RestController
@Validated
class HealthController {
  private static final int HISTORY = 50;

  private final HealthRepository health;
  private final GatewayRepository gateways;
  private final DeviceRepository devices;

  HealthController(HealthRepository health, GatewayRepository gateways, DeviceRepository devices) {
    this.health = health;
    this.gateways = gateways;
    this.devices = devices;
  }

  @GetMapping("/api/v1/gateways/{id}/health")
  @PreAuthorize(DeviceController.READERS)
  Map<String, Object> gateway(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id) {
    Gateway gateway = gateways.find(id, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no gateway '" + Checks.cut(id) + "'"));
    Map<String, Object> out = subject(gateway.id(), "");
    out.put("devices", health.deviceCounts(gateway.id()));
    return out;
  }

  @GetMapping("/api/v1/devices/{id}/health")
  @PreAuthorize(DeviceController.READERS)
  Map<String, Object> device(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    Device device = devices.find(id, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no device " + id));
    Map<String, Object> out = subject(device.gatewayId(), device.deviceId());
    out.put("id", device.id());
    return out;
  }

  /** {@code ?state=OFFLINE&subject=gateway|device&after=<gateway>/<device>&limit=}. */
  @GetMapping("/api/v1/health")
  @PreAuthorize(DeviceController.READERS)
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String subject,
      @RequestParam(defaultValue = "") @Size(max = 200) String after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    HealthState wanted = null;
    if (state != null && !state.isBlank()) {
      try {
        wanted = HealthState.valueOf(state.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "state must be ONLINE, DEGRADED or OFFLINE, was '" + Checks.cut(state) + "'");
      }
    }
    Boolean gatewaysOnly = null;
    if (subject != null && !subject.isBlank()) {
      gatewaysOnly = switch (subject.trim().toLowerCase(Locale.ROOT)) {
        case "gateway" -> true;
        case "device" -> false;
        default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "subject must be gateway or device, was '" + Checks.cut(subject) + "'");
      };
    }
    int slash = after.indexOf('/');
    String afterGateway = slash < 0 ? after : after.substring(0, slash);
    String afterDevice = slash < 0 ? "\uffff" : after.substring(slash + 1);
    if (after.isEmpty()) {
      afterDevice = "";
    }
    List<HealthRepository.StateView> page = health.list(caller.scope(), wanted, gatewaysOnly,
        afterGateway, afterDevice, limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page.stream().map(HealthController::item).toList());
    if (page.size() == limit) {
      HealthRepository.StateView lastRow = page.get(page.size() - 1);
      out.put("next", lastRow.gatewayId() + "/" + lastRow.deviceId());
    }
    return out;
  }

  private Map<String, Object> subject(String gatewayId, String deviceId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gatewayId", gatewayId);
    if (!deviceId.isEmpty()) {
      out.put("deviceId", deviceId);
    }
    health.state(gatewayId, deviceId).ifPresentOrElse(s -> {
      out.put("state", s.state());
      out.put("cause", s.cause());
      out.put("since", s.since());
    }, () -> {
      out.put("state", null);
      out.put("cause", "not derived yet (the health sweep has not run since it was registered)");
    });
    out.put("history", health.history(gatewayId, deviceId, HISTORY));
    return out;
  }

  private static Map<String, Object> item(HealthRepository.StateView s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", s.deviceId().isEmpty() ? "gateway" : "device");
    m.put("gatewayId", s.gatewayId());
    if (!s.deviceId().isEmpty()) {
      m.put("deviceId", s.deviceId());
      m.put("id", s.registryId());
    }
    m.put("gridCode", s.gridCode());
    m.put("state", s.state());
    m.put("cause", s.cause());
    m.put("since", s.since());
    return m;
  }
}
