package org.gridguard.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.gridguard.edge.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class SimConfigParserTest {

  @Test
  void load_shippedDemoConfig_keepsTheDemoDevicesAndTheSystemTestsSchedule() {
    SimConfig c = SimFixtures.demo();
    assertThat(c.devices()).extracting(SimDevice::id).contains("AC400-0012", "SC-WL-RIVER",
        "SC-WL-POND", "SC-WL-CULVERT", "SC-TH-HALL", "SC-TH-STORE", "SC-EB-LIFT",
        "SC-SM-KITCHEN", "probe-1");
    assertThat(c.device("AC400-0012").doors()).isEqualTo(2);
    assertThat(c.cameras().streams()).extracting(SimConfig.Camera::id).contains("cam-village-gate");
    // deploy/system-test.sh waits for these within ~110 s of start
    assertThat(c.script()).anyMatch(s -> s.anomaly() == Anomaly.FORCED_DOOR
        && s.at().compareTo(Duration.ofSeconds(70)) <= 0 && s.device().equals("AC400-0012"));
    assertThat(c.script()).anyMatch(s -> s.anomaly() == Anomaly.SMOKE
        && s.at().compareTo(Duration.ofSeconds(100)) <= 0);
    assertThat(c.day().start()).isEqualTo(LocalTime.of(7, 30));
  }

  @Test
  void parse_generatedIds_prefixKindAndNumber() {
    SimConfig c = SimConfigParser.parse("""
        villages:
          - {name: east, id_prefix: EA, devices: [{kind: smoke, ids: [SM-X], count: 3}]}
        """);
    assertThat(c.devices()).extracting(SimDevice::id).containsExactly("SM-X", "EA-SM-02", "EA-SM-03");
  }

  private static void rejects(String yaml, String... messageParts) {
    assertThatThrownBy(() -> SimConfigParser.parse(yaml)).isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(String.join("\n", ((InvalidConfigException) e).problems()))
            .contains(messageParts));
  }

  @Test
  void parse_unknownKind_namesPathAndChoices() {
    rejects("villages: [{name: a, devices: [{kind: doorbell, count: 1}]}]",
        "villages[0].devices[0].kind", "doorbell", "water_level");
  }

  @Test
  void parse_typoKey_rejectedAsUnknown() {
    rejects("villages: [{name: a, devices: [{kind: smoke, cuont: 1}]}]",
        "villages[0].devices[0].cuont: unknown key");
  }

  @Test
  void parse_sameIdTwice_rejected() {
    rejects("villages: [{name: a, devices: [{kind: smoke, ids: [X]}, {kind: gas, ids: [X]}]}]",
        "device id 'X' is used twice");
  }

  @Test
  void parse_scriptForUnknownDeviceOrWrongKind_rejected() {
    rejects("""
        villages: [{name: a, devices: [{kind: smoke, ids: [SM-1]}]}]
        script: [{at: 5s, anomaly: smoke, device: SM-2}, {at: 5s, anomaly: forced_door, device: SM-1}]
        """, "script[0].device: no device 'SM-2'", "script[1].anomaly: smoke SM-1 cannot have forced_door");
  }

  @Test
  void parse_unquotedStartTime_readAsTimeOfDay() {
    SimConfig c = SimConfigParser.parse(
        "day: {start: 07:30}\nvillages: [{name: a, devices: [{kind: smoke, count: 1}]}]");
    assertThat(c.day().start()).isEqualTo(LocalTime.of(7, 30));
  }

  @Test
  void parse_impossibleStartTime_namesKeyAndForm() {
    rejects("day: {start: \"25:10\"}\nvillages: [{name: a, devices: [{kind: smoke, count: 1}]}]",
        "day.start: must be a time of day like \"06:30\"", "25:10");
  }

  @Test
  void parse_noVillages_required() {
    rejects("seed: 1", "villages: is required");
  }

  @Test
  void parse_badBrokerAndSize_rejected() {
    rejects("""
        mqtt: {broker: "localhost:1883"}
        cameras: {size: big}
        villages: [{name: a, devices: [{kind: smoke, count: 1}]}]
        """, "mqtt.broker: must look like tcp://", "cameras.size");
  }
}
