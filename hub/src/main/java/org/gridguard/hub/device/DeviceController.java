package org.gridguard.hub.device;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Devices of a gateway: technicians (and admins) register and change them, dispatchers and
 * viewers read them; everything limited to the caller's grid scope (a gateway or device outside
 * it answers 404; a write into a grid outside it 403).
 */
@RestController
@Validated
class DeviceController {
  static final String READERS = "hasAnyRole('ADMIN','TECHNICIAN','DISPATCHER','VIEWER')";
  static final String WRITERS = "hasAnyRole('ADMIN','TECHNICIAN')";

  private final DeviceRepository devices;
  private final DeviceRegistry registry;
  private final GatewayRepository gateways;
  private final DeviceSettingsJson settings;

  DeviceController(DeviceRepository devices, DeviceRegistry registry, GatewayRepository gateways,
      DeviceSettingsJson settings) {
    this.devices = devices;
    this.registry = registry;
    this.gateways = gateways;
    this.settings = settings;
  }

  @GetMapping("/api/v1/gateways/{id}/devices")
  @PreAuthorize(READERS)
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id,
      @RequestParam(defaultValue = "") @Size(max = 128) String after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    Gateway gateway = gateway(caller, id);
    List<DeviceView> page = devices.list(gateway.id(), caller.scope(), after, limit).stream()
        .map(this::view).toList();
    return Map.of("total", devices.count(gateway.id(), caller.scope()), "items", page);
  }

  @PostMapping("/api/v1/gateways/{id}/devices")
  @PreAuthorize(WRITERS)
  @Transactional
  ResponseEntity<DeviceView> create(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id, @RequestBody DeviceInput input, HttpServletRequest request) {
    Gateway gateway = gateway(caller, id);
    Device stored = checked(() -> registry.create(caller, ClientAddress.of(request),
        registry.check(gateway, input, null)));
    return ResponseEntity.status(HttpStatus.CREATED).body(view(stored));
  }

  @GetMapping("/api/v1/devices/{id}")
  @PreAuthorize(READERS)
  DeviceView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return view(device(caller, id));
  }

  /** Replaces the device; a camera's stream is kept when {@code stream} is left out. */
  @PutMapping("/api/v1/devices/{id}")
  @PreAuthorize(WRITERS)
  @Transactional
  DeviceView update(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody DeviceInput input, HttpServletRequest request) {
    Device before = device(caller, id);
    Gateway gateway = gateways.find(before.gatewayId()).orElseThrow();
    return view(checked(() -> registry.update(caller, ClientAddress.of(request), before,
        registry.check(gateway, input, before))));
  }

  @DeleteMapping("/api/v1/devices/{id}")
  @PreAuthorize(WRITERS)
  @Transactional
  ResponseEntity<Void> delete(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      HttpServletRequest request) {
    registry.delete(caller, ClientAddress.of(request), device(caller, id));
    return ResponseEntity.noContent().build();
  }

  private DeviceView view(Device d) {
    return DeviceView.of(d, settings);
  }

  private static <T> T checked(java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidDeviceException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  Gateway gateway(HubPrincipal caller, String id) {
    return gateways.find(id, caller.scope()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no gateway '" + Checks.cut(id) + "'"));
  }

  private Device device(HubPrincipal caller, long id) {
    return devices.find(id, caller.scope()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no device " + id));
  }
}
