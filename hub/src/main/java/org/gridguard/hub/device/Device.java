package org.gridguard.hub.device;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gridguard.hub.value.GridCode;
import org.gridguard.protocol.Ids;

/**
 * A registered device: a camera, door controller or sensor under a gateway. Holds no secret; a
 * camera's stream is stored encrypted beside it and shown only as {@link #streamUrlRedacted}.
 *
 * @param id the registry's id (null before it is stored)
 * @param deviceId the id the edge reports ({@code Record.device_id}), unique per gateway
 * @param gridCode the GRID node (15 digits) the device stands in
 * @param lat WGS-84 latitude, given together with {@code lon}, or both null
 */
record Device(Long id, String gatewayId, String deviceId, DeviceKind kind, String name,
    String vendor, String model, String gridCode, Double lat, Double lon, LocalDate installedOn,
    String notes, DeviceSettings settings, String streamUrlRedacted, String previewEvidenceId,
    Instant previewAt) {
  Device {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(settings, "settings");
    String gatewayProblem = Ids.gatewayIdProblem(gatewayId);
    if (gatewayProblem != null) {
      throw new InvalidDeviceException("gatewayId", gatewayProblem);
    }
    if (deviceId == null || !Checks.DEVICE_ID.matcher(deviceId).matches()) {
      throw new InvalidDeviceException("deviceId",
          "is required: 1-128 chars of [A-Za-z0-9._:-] (as the edge reports it), was '"
              + Checks.cut(deviceId) + "'");
    }
    if (!kind.settingsType().isInstance(settings)) {
      throw new InvalidDeviceException("settings", "are not " + kind + " settings");
    }
    name = Checks.optionalText(name, "name", 128);
    vendor = Checks.optionalText(vendor, "vendor", 64);
    model = Checks.optionalText(model, "model", 64);
    notes = Checks.optionalText(notes, "notes", 2000);
    if (!GridCode.levelOf(gridCode).equals(java.util.Optional.of(GridCode.Level.GRID))) {
      throw new InvalidDeviceException("gridCode",
          "must be a grid (15 digits), was '" + Checks.cut(gridCode) + "'");
    }
    if ((lat == null) != (lon == null)) {
      throw new InvalidDeviceException(lat == null ? "lat" : "lon",
          "give lat and lon together (WGS-84) or neither");
    }
    Checks.range(lat, "lat", -90.0, 90.0);
    Checks.range(lon, "lon", -180.0, 180.0);
    if (installedOn != null && (installedOn.getYear() < 2000 || installedOn.getYear() > 2100)) {
      throw new InvalidDeviceException("installedOn", "must be a date 2000-2100, was " + installedOn);
    }
  }

  /** The place alarms of this device are routed to. */
  DevicePlace place() {
    return new DevicePlace(gridCode, lat, lon, name);
  }

  /** The associated data binding this device's encrypted stream to it. */
  static String secretOwner(String gatewayId, String deviceId) {
    return "device:" + gatewayId + "/" + deviceId;
  }
}
