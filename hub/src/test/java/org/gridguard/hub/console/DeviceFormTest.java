package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridguard.hub.device.DeviceInput;
import org.junit.jupiter.api.Test;

class DeviceFormTest {
  private static DeviceForm sensor(String thresholds) {
    return new DeviceForm("SENSOR", "wl-1", null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, "water_level", "m", thresholds, "5m");
  }

  private static DeviceForm camera(String url, String user, String password) {
    return new DeviceForm("camera", "cam-1", null, null, null, null, "30.27", "120.15", null, null,
        url, user, password, "", null, null, null, null, null, null);
  }

  @Test
  void input_thresholdLines_becomeTheEdgesThresholdEntries() {
    DeviceInput in = sensor("level above 1.5 clear 1.2 debounce=30s priority=2\n\n"
        + "battery < 20 type=LOW_BATTERY_LEVEL category=0").input();
    assertThat(in.kind()).isEqualTo("SENSOR");
    assertThat(in.settings().toString()).isEqualTo("{\"sensor_type\":\"water_level\",\"unit\":"
        + "\"m\",\"thresholds\":[{\"metric\":\"level\",\"above\":1.5,\"clear_below\":1.2,"
        + "\"debounce\":\"30s\",\"priority\":2},{\"metric\":\"battery\",\"below\":20.0,"
        + "\"type\":\"LOW_BATTERY_LEVEL\",\"category\":0}],\"expected_interval\":\"5m\"}");
  }

  @Test
  void input_unreadableThresholdLine_namesTheFieldAndLine() {
    assertThatThrownBy(() -> sensor("level above 1.5\nlevel sideways 3").input())
        .isInstanceOfSatisfying(DeviceForm.FormProblem.class, e -> {
          assertThat(e.field).isEqualTo("thresholds");
          assertThat(e.getMessage()).startsWith("line 2 'level sideways 3'");
        });
    assertThatThrownBy(() -> sensor("level above 1,5").input())
        .hasMessageContaining("'1,5' is not a number (use a dot: 1.5)");
    assertThatThrownBy(() -> sensor("level above 1 colour=red").input())
        .hasMessageContaining("unknown option 'colour'");
  }

  @Test
  void input_cameraWithoutUrl_keepsTheStoredStreamButRefusesLoneCredentials() {
    assertThat(camera("", "", "").input().stream()).isNull();
    assertThat(camera(" rtsp://h/s ", "admin", "pw").input().stream())
        .isEqualTo(new DeviceInput.StreamInput("rtsp://h/s", "admin", "pw"));
    assertThatThrownBy(() -> camera("", "", "new-password").input())
        .isInstanceOfSatisfying(DeviceForm.FormProblem.class,
            e -> assertThat(e.field).isEqualTo("streamUrl"));
  }

  @Test
  void input_doorChannels_onePerLineWithOptionalName() {
    DeviceForm door = new DeviceForm("DOOR", "door-1", null, null, null, null, null, null, null,
        null, null, null, null, null, "1 East gate\n 2 \n", "2m", null, null, null, null);
    assertThat(door.input().settings().toString()).isEqualTo("{\"channels\":[{\"channel\":\"1\","
        + "\"name\":\"East gate\"},{\"channel\":\"2\"}],\"door_held_open\":\"2m\"}");
  }

  @Test
  void input_badCoordinate_namesTheField() {
    DeviceForm bad = new DeviceForm("DOOR", "door-1", null, null, null, null, "north", "1", null,
        null, null, null, null, null, null, null, null, null, null, null);
    assertThatThrownBy(bad::input).isInstanceOfSatisfying(DeviceForm.FormProblem.class,
        e -> assertThat(e.field).isEqualTo("lat"));
  }

  @Test
  void fieldOf_apiRefusal_pointsAtTheFormField() {
    assertThat(DeviceForm.fieldOf("settings.thresholds[0].clear_below: must be at or below"))
        .isEqualTo("thresholds");
    assertThat(DeviceForm.fieldOf("settings.zones[0].polygon: needs 3 to 64 points"))
        .isEqualTo("cameraSettings");
    assertThat(DeviceForm.fieldOf("stream.url: is required for a camera")).isEqualTo("streamUrl");
    assertThat(DeviceForm.fieldOf("gateway gw has its maximum of 500 devices")).isNull();
  }
}
