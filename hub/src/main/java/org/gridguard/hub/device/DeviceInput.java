package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A device as a technician gives it (REST body or one CSV row), before validation. The camera
 * stream is write-only: it is never part of an answer.
 *
 * @param gridCode the device's grid; null = the gateway's
 * @param installedOn ISO date ({@code 2025-10-13}) or null
 * @param settings the type-specific settings (edge YAML key names), or null for defaults
 * @param stream a camera's stream; on update, null keeps the stored one
 */
public record DeviceInput(String deviceId, String kind, String name, String vendor, String model,
    String gridCode, Double lat, Double lon, String installedOn, String notes, JsonNode settings,
    StreamInput stream) {
  /** A camera's stream URL and credentials (write-only). */
  public record StreamInput(String url, String username, String password) {
    @Override
    public String toString() {
      return "StreamInput[" + (url == null ? null : CameraStream.redact(url)) + "]";
    }
  }
}
