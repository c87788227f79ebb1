package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeviceSettingsJsonTest {
  private final DeviceSettingsJson settings = new DeviceSettingsJson();
  private final ObjectMapper json = new ObjectMapper();

  private DeviceSettings read(DeviceKind kind, String text) throws Exception {
    return settings.read(kind, json.readTree(text));
  }

  @Test
  void read_cameraWithZone_keepsEdgeKeysAndRoundTrips() throws Exception {
    DeviceSettings s = read(DeviceKind.CAMERA, "{\"analysis_fps\":5,\"detect\":{\"frozen_after\":"
        + "\"10s\",\"covered_edge_ratio\":0.2},\"zones\":[{\"name\":\"gate\",\"polygon\":"
        + "[[0,0.45],[1,0.45],[1,1]],\"schedule\":\"22:00-06:00\",\"min_area\":0.01}]}");
    assertThat(((CameraSettings) s).zones()).hasSize(1);
    assertThat(settings.read(DeviceKind.CAMERA, settings.write(s))).isEqualTo(s);
    assertThat(settings.write(s)).contains("\"analysis_fps\":5").contains("\"min_area\":0.01");
  }

  @Test
  void read_zonePointOutsidePicture_namesThePath() {
    assertThatThrownBy(() -> read(DeviceKind.CAMERA, "{\"zones\":[{\"name\":\"a\",\"polygon\":"
        + "[[0,0],[1,0],[1,1.5]]}]}"))
        .isInstanceOf(InvalidDeviceException.class)
        .hasMessageStartingWith("settings.zones[0].polygon[2]: x and y are fractions");
  }

  @Test
  void read_unknownKey_namesItAndTheKnownOnes() {
    assertThatThrownBy(() -> read(DeviceKind.DOOR, "{\"chanels\":[]}"))
        .isInstanceOf(InvalidDeviceException.class)
        .hasMessageStartingWith("settings.chanels: unknown key")
        .hasMessageContaining("channels");
  }

  @Test
  void read_unknownDetector_isRefused() {
    assertThatThrownBy(() -> read(DeviceKind.CAMERA, "{\"detect\":{\"frozen\":\"1s\"}}"))
        .hasMessageStartingWith("settings.detect.frozen: unknown detector setting");
  }

  @Test
  void read_sensorWithoutType_isRefused() {
    assertThatThrownBy(() -> read(DeviceKind.SENSOR, "{\"unit\":\"m\"}"))
        .hasMessageStartingWith("settings.sensor_type: is required");
  }

  @Test
  void read_thresholdClearOnWrongSide_namesIt() {
    assertThatThrownBy(() -> read(DeviceKind.SENSOR, "{\"sensor_type\":\"water_level\","
        + "\"thresholds\":[{\"metric\":\"water_level\",\"above\":1.0,\"clear_below\":1.2}]}"))
        .hasMessageStartingWith("settings.thresholds[0].clear_below: must be at or below");
  }

  @Test
  void read_badDuration_namesIt() {
    assertThatThrownBy(() -> read(DeviceKind.SENSOR,
        "{\"sensor_type\":\"smoke\",\"expected_interval\":\"ten minutes\"}"))
        .hasMessageStartingWith("settings.expected_interval: must be a duration");
  }

  @Test
  void read_wrongType_saysShape() {
    assertThatThrownBy(() -> read(DeviceKind.CAMERA, "{\"analysis_fps\":\"fast\"}"))
        .hasMessageStartingWith("settings.analysis_fps: has the wrong type");
  }
}
