package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A device as the API shows it. A camera's stream appears only as its URL with the password
 * redacted and whether credentials are stored; the credentials themselves never leave the hub
 * except in the configuration pushed to the device's own gateway.
 */
public record DeviceView(long id, String gatewayId, String deviceId, DeviceKind kind, String name,
    String vendor, String model, String gridCode, Double lat, Double lon, LocalDate installedOn,
    String notes, JsonNode settings, Stream stream, Preview preview) {
  public record Stream(String url, boolean credentialsStored) {}

  public record Preview(String evidenceId, Instant at) {}

  static DeviceView of(Device d, DeviceSettingsJson json) {
    boolean credentialsStored = d.streamUrlRedacted() != null
        && d.streamUrlRedacted().contains("@");
    return new DeviceView(d.id(), d.gatewayId(), d.deviceId(), d.kind(), d.name(), d.vendor(),
        d.model(), d.gridCode(), d.lat(), d.lon(), d.installedOn(), d.notes(),
        json.tree(d.settings()),
        d.kind() == DeviceKind.CAMERA ? new Stream(d.streamUrlRedacted(), credentialsStored) : null,
        d.previewEvidenceId() == null ? null : new Preview(d.previewEvidenceId(), d.previewAt()));
  }
}
