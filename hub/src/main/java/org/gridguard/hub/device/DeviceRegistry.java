package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.grid.GridRepository;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Device changes: validate a {@link DeviceInput} against its gateway and the caller's scope,
 * encrypt a camera's stream, store and audit in the caller's transaction; once it commits the
 * gateway's pushed configuration is re-assembled ({@link ConfigChanges}). Used by REST and by the
 * CSV import.
 */
@Component
class DeviceRegistry {
  /** A validated device and, for a camera given one, its stream. */
  record Checked(Device device, CameraStream stream) {}

  private final DeviceRepository devices;
  private final GatewayRepository gateways;
  private final GridRepository grids;
  private final DeviceSettingsJson settingsJson;
  private final StreamCipher cipher;
  private final AuditLog audit;
  private final DeviceProperties config;
  private final MeterRegistry meters;
  private final ConfigChanges configChanges;
  private final ObjectMapper json = new ObjectMapper();

  DeviceRegistry(DeviceRepository devices, GatewayRepository gateways, GridRepository grids,
      DeviceSettingsJson settingsJson, StreamCipher cipher, AuditLog audit,
      DeviceProperties config, MeterRegistry meters, @org.springframework.context.annotation.Lazy
      ConfigChanges configChanges) {
    this.configChanges = configChanges;
    this.devices = devices;
    this.gateways = gateways;
    this.grids = grids;
    this.settingsJson = settingsJson;
    this.cipher = cipher;
    this.audit = audit;
    this.config = config;
    this.meters = meters;
  }

  /**
   * Checks {@code in} as a device of {@code gateway}; {@code existing} is the stored device on an
   * update (its stream is kept when none is given), null for a new one.
   *
   * @throws InvalidDeviceException naming the field
   */
  Checked check(Gateway gateway, DeviceInput in, Device existing) {
    DeviceKind kind = DeviceKind.parse(in.kind(), "kind");
    DeviceSettings settings = settingsJson.read(kind, in.settings());
    CameraStream stream = null;
    if (in.stream() != null && kind == DeviceKind.CAMERA) {
      stream = new CameraStream(in.stream().url(), in.stream().username(), in.stream().password());
    } else if (in.stream() != null && in.stream().url() != null) {
      throw new InvalidDeviceException("stream", "only a camera has a stream");
    }
    boolean keepsStream = existing != null && existing.kind() == DeviceKind.CAMERA
        && existing.deviceId().equals(in.deviceId());
    if (kind == DeviceKind.CAMERA && stream == null && !keepsStream) {
      throw new InvalidDeviceException("stream.url", "is required for a camera "
          + "(rtsp://host/path; credentials in stream.username and stream.password)");
    }
    LocalDate installed = null;
    if (in.installedOn() != null && !in.installedOn().isBlank()) {
      try {
        installed = LocalDate.parse(in.installedOn().strip());
      } catch (DateTimeParseException e) {
        throw new InvalidDeviceException("installedOn", "must be a date like 2025-10-13, was '"
            + Checks.cut(in.installedOn()) + "'");
      }
    }
    String grid = in.gridCode() == null || in.gridCode().isBlank() ? gateway.gridCode()
        : in.gridCode().strip();
    String redacted = stream != null ? stream.redactedUrl()
        : kind == DeviceKind.CAMERA && existing != null ? existing.streamUrlRedacted() : null;
    Device device = new Device(existing == null ? null : existing.id(), gateway.id(),
        in.deviceId() == null ? null : in.deviceId().strip(), kind, in.name(), in.vendor(),
        in.model(), grid, in.lat(), in.lon(), installed, in.notes(), settings, redacted,
        existing == null ? null : existing.previewEvidenceId(),
        existing == null ? null : existing.previewAt());
    if (kind == DeviceKind.CAMERA) {
      CameraEdgeChecks.check(device.deviceId(), (CameraSettings) settings);
    }
    return new Checked(device, stream);
  }

  /** Scope and existence of the device's grid; 403 outside the caller's scope. */
  void checkGrid(HubPrincipal caller, Device device) {
    if (!caller.scope().covers(device.gridCode())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "gridCode: " + device.gridCode() + " is outside your grid scope");
    }
    if (!grids.isGridOfLevel(device.gridCode(), GridCode.Level.GRID)) {
      throw new InvalidDeviceException("gridCode", "no grid " + device.gridCode()
          + "; create it first (POST /api/v1/grids or an import)");
    }
  }

  Device create(HubPrincipal caller, String address, Checked checked) {
    checkGrid(caller, checked.device());
    Device d = checked.device();
    if (devices.count(d.gatewayId(), org.gridguard.hub.security.GridScope.all())
        >= config.maxDevicesPerGateway()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "gateway " + d.gatewayId()
          + " has its maximum of " + config.maxDevicesPerGateway()
          + " devices (gridguard.device.max-devices-per-gateway)");
    }
    long id;
    try {
      id = devices.insert(d, settingsJson.write(d.settings()), seal(d, checked.stream()));
    } catch (DuplicateKeyException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "deviceId: gateway " + d.gatewayId()
          + " already has a device '" + d.deviceId() + "'; change it with PUT /api/v1/devices/{id}");
    }
    configChanges.changed(d.gatewayId());
    audit.record(AuditEntry.success(caller.username(), address, "device.create", "device",
        d.gatewayId() + "/" + d.deviceId()).withChange(null, auditJson(d)));
    meters.counter("gridguard.device.changes", "action", "create").increment();
    return devices.find(id, org.gridguard.hub.security.GridScope.all()).orElseThrow();
  }

  Device update(HubPrincipal caller, String address, Device before, Checked checked) {
    checkGrid(caller, checked.device());
    Device d = checked.device();
    try {
      devices.update(before.id(), d, settingsJson.write(d.settings()), seal(d, checked.stream()));
    } catch (DuplicateKeyException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "deviceId: gateway " + d.gatewayId()
          + " already has a device '" + d.deviceId() + "'");
    }
    configChanges.changed(d.gatewayId());
    audit.record(AuditEntry.success(caller.username(), address, "device.update", "device",
        d.gatewayId() + "/" + d.deviceId()).withChange(auditJson(before), auditJson(d)));
    meters.counter("gridguard.device.changes", "action", "update").increment();
    return devices.find(before.id(), org.gridguard.hub.security.GridScope.all()).orElseThrow();
  }

  void delete(HubPrincipal caller, String address, Device d) {
    if (!caller.scope().covers(d.gridCode())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "device " + d.id() + " stands in grid " + d.gridCode() + ", outside your grid scope");
    }
    devices.delete(d.id());
    configChanges.changed(d.gatewayId());
    audit.record(AuditEntry.success(caller.username(), address, "device.delete", "device",
        d.gatewayId() + "/" + d.deviceId()).withChange(auditJson(d), null));
    meters.counter("gridguard.device.changes", "action", "delete").increment();
  }

  /** The decrypted stream of a camera (for the pushed config only; never for an answer). */
  java.util.Optional<CameraStream> stream(Device d) {
    return devices.streamSecret(d.id()).map(s -> {
      try {
        var node = json.readTree(cipher.decrypt(s, Device.secretOwner(d.gatewayId(), d.deviceId())));
        return new CameraStream(node.path("url").asText(), text(node, "username"),
            text(node, "password"));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("stored stream of " + d.deviceId() + " is not JSON");
      }
    });
  }

  private String seal(Device d, CameraStream stream) {
    if (stream == null) {
      return null;
    }
    var node = json.createObjectNode().put("url", stream.url());
    node.put("username", stream.username());
    node.put("password", stream.password());
    return cipher.encrypt(node.toString(), Device.secretOwner(d.gatewayId(), d.deviceId()));
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  /** The device as the audit log keeps it: no secret, the URL redacted. */
  private String auditJson(Device d) {
    var node = json.createObjectNode();
    node.put("kind", d.kind().name());
    node.put("gridCode", d.gridCode());
    node.put("name", d.name());
    node.put("streamUrl", d.streamUrlRedacted());
    node.set("settings", settingsJson.tree(d.settings()));
    return node.toString();
  }
}
