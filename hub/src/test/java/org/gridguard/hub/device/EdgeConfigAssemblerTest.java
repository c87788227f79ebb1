package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The assembled edge configuration: exactly the golden files (which the edge agent's
 * {@code HubAssembledConfigTest} judges with the agent's own loader), stable in device order,
 * and versioned by what the edge gets. Regenerate the golden files after an intended change with
 * {@code -Dgolden.update=true}, then copy them to {@code edge-agent/src/test/resources/config-golden/}.
 */
class EdgeConfigAssemblerTest {
  static final String GATEWAY = "village-0421";
  static final String GRID = "330102001001001";
  static final Path GOLDEN = Path.of("src/test/resources/config-golden");
  static final Path EDGE_COPY = Path.of("../edge-agent/src/test/resources/config-golden");
  static final String PUSHED = GATEWAY + ".yml";
  static final String REDACTED = GATEWAY + ".redacted.yml";
  /** The same registry with an edge profile (presets, own mapping rules, device-type rules). */
  static final String WITH_PROFILE = GATEWAY + ".profile.yml";

  /** Own mapping rules as a technician writes them (comments, flow and block style). */
  static final String PROFILE_RULES = """
      # the village's own door controller, numeric codes
      - name: village-door
        topic: village/door/+/event
        device_type: access_controller
        device_id: "{topic[2]}"
        timestamp: {path: $.time, format: pattern, pattern: "yyyy-MM-dd HH:mm:ss", zone: "+08:00"}
        event:
          code: $.evt
          codes:
            "1": ACCESS_GRANTED
            "2": ACCESS_DENIED
            "30": DOOR_FORCED
          credential: $.card
          channel: $.door
      - name: river-gauge
        topic: village/river/+/up
        device_type: water_level
        device_id: "{topic[2]}"
        readings:
          - {metric: water_level, path: $.level_mm, convert: mm_to_m, unit: m}
      """;

  static final String PROFILE_TYPES = """
      smoke:
        thresholds:
          - {metric: smoke_density, above: 0.3, clear_below: 0.2, debounce: 5s, type: SMOKE,
             priority: 1, category: 9102}
        expected_interval: 30m
      access_controller:
        door_held_open: 90s
        denied_swipes: {count: 5, within: 60s}
      """;

  static EdgeProfile profile() {
    return new EdgeProfile(GATEWAY, List.of("acme-access", "senscity-sensors"), PROFILE_RULES,
        PROFILE_TYPES, null, null);
  }

  private final DeviceSettingsJson settingsJson = new DeviceSettingsJson();
  private final EdgeConfigAssembler assembler = new EdgeConfigAssembler(settingsJson);
  private final StreamCipher cipher = new StreamCipher(new DeviceProperties(
      Base64.getEncoder().encodeToString(new byte[32]), Path.of("unused"), Duration.ofHours(24),
      10, Duration.ofMinutes(10), 1000, 10000, 100));
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, CameraStream> streams = new HashMap<>(Map.of(
      "cam-gate", new CameraStream("rtsp://192.168.1.64:554/Streaming/Channels/102", "admin",
          "fixture-only"),
      "cam-yard", new CameraStream("rtsp://viewer:yard-pass@192.168.1.65/live", null, null)));

  Device device(long id, String deviceId, DeviceKind kind, String settings) {
    try {
      return new Device(id, GATEWAY, deviceId, kind, "name of " + deviceId, "vendor", "model",
          GRID, 30.1, 120.1, null, "notes", settingsJson.read(kind, json.readTree(settings)),
          kind == DeviceKind.CAMERA && streams.containsKey(deviceId)
              ? streams.get(deviceId).redactedUrl() : null, null, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fixture: two cameras, a door, a gauge with thresholds, a sensor with nothing to push. */
  List<Device> fixture() {
    return List.of(
        device(1, "cam-gate", DeviceKind.CAMERA, """
            {"transport": "tcp", "analysis_fps": 5, "analysis_size": "320x180",
             "keyframes_only": false, "snapshots": true, "time_zone": "Asia/Shanghai",
             "detect": {"learn": "10s", "frozen_after": "10s", "covered_edge_ratio": 0.2},
             "zones": [{"name": "fence",
                        "polygon": [[0.05, 0.55], [0.95, 0.55], [0.95, 1.0], [0.05, 1.0]],
                        "masks": [[[0.6, 0.55], [0.95, 0.55], [0.95, 0.7], [0.6, 0.7]]],
                        "schedule": "22:00-06:00", "min_area": 0.02, "min_duration": "400ms",
                        "hold": "5s"}]}"""),
        device(2, "cam-yard", DeviceKind.CAMERA, "{\"analysis_fps\": 2}"),
        device(3, "door-east", DeviceKind.DOOR, """
            {"channels": [{"channel": "1", "name": "East gate"}], "door_held_open": "60s",
             "expected_interval": "10m"}"""),
        device(4, "WL-RIVER-BRIDGE", DeviceKind.SENSOR, """
            {"sensor_type": "water_level", "unit": "m", "expected_interval": "30m",
             "thresholds": [
               {"metric": "water_level", "above": 0.6, "clear_below": 0.5, "debounce": "10s",
                "type": "WATER_LEVEL", "priority": 1, "category": 9104},
               {"metric": "battery", "below": 20.0, "clear_above": 25.0,
                "type": "LOW_BATTERY_LEVEL", "priority": 4, "category": 0}]}"""),
        device(5, "smoke-1", DeviceKind.SENSOR, "{\"sensor_type\": \"smoke\"}"));
  }

  EdgeConfigAssembler.Assembled assemble(List<Device> devices, boolean reveal) {
    return assembler.assemble(GATEWAY, devices, d -> Optional.ofNullable(streams.get(d.deviceId())),
        url -> cipher.fingerprint(url, "stream-url"), reveal);
  }

  EdgeConfigAssembler.Assembled assemble(List<Device> devices, EdgeProfile profile) {
    return assembler.assemble(GATEWAY, devices, profile,
        d -> Optional.ofNullable(streams.get(d.deviceId())),
        url -> cipher.fingerprint(url, "stream-url"), true);
  }

  @Test
  void assemble_fixture_isExactlyTheGoldenFiles() throws IOException {
    String pushed = assemble(fixture(), true).yaml();
    String redacted = assemble(fixture(), false).yaml();
    String withProfile = assemble(fixture(), profile()).yaml();
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(GOLDEN.resolve(PUSHED), pushed);
      Files.writeString(GOLDEN.resolve(REDACTED), redacted);
      Files.writeString(GOLDEN.resolve(WITH_PROFILE), withProfile);
    }
    assertThat(pushed).isEqualTo(Files.readString(GOLDEN.resolve(PUSHED)));
    assertThat(redacted).isEqualTo(Files.readString(GOLDEN.resolve(REDACTED)));
    assertThat(withProfile).isEqualTo(Files.readString(GOLDEN.resolve(WITH_PROFILE)));
  }

  @Test
  void assemble_withProfile_addsTheManagedKeysOnly() {
    String yaml = assemble(fixture(), profile()).yaml();
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) EdgeProfileValidator.parse(yaml, 1 << 20);
    assertThat(doc).containsOnlyKeys("video", "rules", "mapping");
    assertThat((Map<String, Object>) doc.get("mapping")).containsOnlyKeys("presets", "rules");
    assertThat((Map<String, Object>) doc.get("rules")).containsOnlyKeys("devices",
        "device_types");
    assertThat(doc.get("mapping").toString()).contains("presets=[acme-access, senscity-sensors]");
    // what the edge reads is what the technician's text says
    assertThat(((Map<?, ?>) doc.get("mapping")).get("rules"))
        .isEqualTo(EdgeProfileValidator.parse(PROFILE_RULES, 1 << 20));
    assertThat(((Map<?, ?>) doc.get("rules")).get("device_types"))
        .isEqualTo(EdgeProfileValidator.parse(PROFILE_TYPES, 1 << 20));
    assertThat(yaml).contains("and its edge profile\n# (mapping.presets, mapping.rules, "
        + "rules.device_types)").doesNotContain("# the village's own door");
  }

  @Test
  void assemble_profileWithPresetsOnly_noOtherManagedKey() {
    String yaml = assemble(List.of(), new EdgeProfile(GATEWAY, List.of("gridguard-canonical"),
        null, null, null, null)).yaml();
    assertThat(EdgeProfileValidator.parse(yaml, 1 << 20)).isEqualTo(
        Map.of("mapping", Map.of("presets", List.of("gridguard-canonical"))));
    assertThat(yaml).contains("(mapping.presets)");
  }

  @Test
  void assemble_noneManaged_sameTextAndVersionAsWithoutAProfile() {
    EdgeConfigAssembler.Assembled plain = assemble(fixture(), true);
    EdgeConfigAssembler.Assembled none = assemble(fixture(), EdgeProfile.none(GATEWAY));
    assertThat(none.yaml()).isEqualTo(plain.yaml()).doesNotContain("mapping:");
    assertThat(none.version()).isEqualTo(plain.version());
  }

  @Test
  void assemble_profileChanged_versionChangesButNotForCommentsOrLayout() {
    String base = assemble(fixture(), profile()).version();
    EdgeProfile relaidOut = new EdgeProfile(GATEWAY, profile().mappingPresets(),
        "# reworded comment\n" + PROFILE_RULES.replace("  - {metric: water_level, path: "
            + "$.level_mm, convert: mm_to_m, unit: m}", "  - metric: water_level\n"
            + "      path: $.level_mm\n      convert: mm_to_m\n      unit: m"),
        PROFILE_TYPES, null, null);
    assertThat(relaidOut.mappingRules()).isNotEqualTo(PROFILE_RULES);
    assertThat(assemble(fixture(), relaidOut).version()).isEqualTo(base);
    EdgeProfile otherOrder = new EdgeProfile(GATEWAY, List.of("senscity-sensors",
        "acme-access"), PROFILE_RULES, PROFILE_TYPES, null, null);
    assertThat(assemble(fixture(), otherOrder).version()).isNotEqualTo(base);
    EdgeProfile otherLevel = new EdgeProfile(GATEWAY, profile().mappingPresets(), PROFILE_RULES,
        PROFILE_TYPES.replace("above: 0.3", "above: 0.35"), null, null);
    assertThat(assemble(fixture(), otherLevel).version()).isNotEqualTo(base);
  }

  @Test
  void assemble_storedProfileUnparsable_namesTheKeyAndTheFix() {
    EdgeProfile broken = new EdgeProfile(GATEWAY, null, "- [unclosed", null, null, null);
    assertThatThrownBy(() -> assemble(fixture(), broken))
        .isInstanceOf(InvalidDeviceException.class)
        .hasMessageStartingWith("mapping.rules: the stored edge profile of gateway village-0421")
        .hasMessageContaining("PUT /api/v1/gateways/village-0421/edge-profile");
  }

  @Test
  void goldenFiles_edgeAgentCopies_areTheSameBytes() throws IOException {
    for (String name : List.of(PUSHED, REDACTED)) {
      assertThat(Files.readAllBytes(EDGE_COPY.resolve(name)))
          .as("edge-agent's copy of " + name + " (copy it from hub/" + GOLDEN + ")")
          .isEqualTo(Files.readAllBytes(GOLDEN.resolve(name)));
    }
  }

  /**
   * The profile case the edge's {@code HubAssembledConfigTest} must judge too. The hub's branch
   * cannot write edge-agent/: this fails until the file is copied there at the merge.
   */
  @Test
  void goldenFileWithProfile_edgeAgentCopy_isTheSameBytes() throws IOException {
    assertThat(EDGE_COPY.resolve(WITH_PROFILE))
        .as("edge-agent's copy of " + WITH_PROFILE + ": copy hub/" + GOLDEN + "/" + WITH_PROFILE
            + " to edge-agent/src/test/resources/config-golden/ and judge it in "
            + "HubAssembledConfigTest").exists();
    assertThat(Files.readAllBytes(EDGE_COPY.resolve(WITH_PROFILE)))
        .isEqualTo(Files.readAllBytes(GOLDEN.resolve(WITH_PROFILE)));
  }

  @Test
  void assemble_fixture_putsEachKindUnderTheEdgeKeys() {
    String yaml = assemble(fixture(), true).yaml();
    assertThat(yaml)
        .contains("url: rtsp://admin:fixture-only@192.168.1.64:554/Streaming/Channels/102")
        .contains("- id: cam-yard").contains("door-east:").contains("door_held_open: 60s")
        .contains("WL-RIVER-BRIDGE:")
        .doesNotContain("smoke-1") // nothing to push: the edge's type defaults apply
        .doesNotContain("East gate").doesNotContain("sensor_type").doesNotContain("notes");
    assertThat(yaml.indexOf("cam-gate")).isLessThan(yaml.indexOf("cam-yard"));
    assertThat(yaml.indexOf("WL-RIVER-BRIDGE")).isLessThan(yaml.indexOf("door-east"));
  }

  @Test
  void assemble_devicesInAnyOrder_sameTextAndVersion() {
    EdgeConfigAssembler.Assembled first = assemble(fixture(), false);
    Random random = new Random(42);
    for (int i = 0; i < 10; i++) {
      List<Device> shuffled = new ArrayList<>(fixture());
      Collections.shuffle(shuffled, random);
      EdgeConfigAssembler.Assembled again = assemble(shuffled, false);
      assertThat(again.yaml()).isEqualTo(first.yaml());
      assertThat(again.version()).isEqualTo(first.version()).hasSize(16).matches("[0-9a-f]{16}");
    }
  }

  @Test
  void assemble_revealedOrRedacted_sameVersionAndOnlyRevealedHasThePasswords() {
    EdgeConfigAssembler.Assembled redacted = assemble(fixture(), false);
    EdgeConfigAssembler.Assembled revealed = assemble(fixture(), true);
    assertThat(redacted.version()).isEqualTo(revealed.version());
    assertThat(redacted.credentialsRedacted()).isTrue();
    assertThat(redacted.yaml()).doesNotContain("fixture-only").doesNotContain("yard-pass")
        .contains("rtsp://admin:***@192.168.1.64").contains("rtsp://viewer:***@192.168.1.65");
    assertThat(revealed.yaml()).contains("fixture-only").contains("yard-pass");
  }

  @Test
  void assemble_onlyAPasswordChanged_versionChangesRedactedTextDoesNot() {
    EdgeConfigAssembler.Assembled before = assemble(fixture(), false);
    streams.put("cam-gate", new CameraStream("rtsp://192.168.1.64:554/Streaming/Channels/102",
        "admin", "rotated-pass"));
    EdgeConfigAssembler.Assembled after = assemble(fixture(), false);
    assertThat(after.yaml()).isEqualTo(before.yaml());
    assertThat(after.version()).isNotEqualTo(before.version());
  }

  @Test
  void assemble_registryOnlyFieldsChanged_versionUnchanged() {
    List<Device> changed = new ArrayList<>(fixture());
    Device door = changed.get(2);
    changed.set(2, new Device(door.id(), GATEWAY, door.deviceId(), door.kind(), "renamed",
        "other vendor", null, "330102001001002", null, null, null, "new notes",
        new DoorSettings(List.of(new DoorSettings.Channel("1", "Renamed gate")), "60s", "10m"),
        null, null, null));
    assertThat(assemble(changed, false).version()).isEqualTo(assemble(fixture(), false).version());
  }

  @Test
  void assemble_aThresholdChanged_versionChanges() {
    List<Device> changed = new ArrayList<>(fixture());
    changed.set(3, device(4, "WL-RIVER-BRIDGE", DeviceKind.SENSOR, """
        {"sensor_type": "water_level", "expected_interval": "30m", "thresholds": [
          {"metric": "water_level", "above": 0.7, "clear_below": 0.5}]}"""));
    assertThat(assemble(changed, false).version()).isNotEqualTo(assemble(fixture(), false).version());
  }

  @Test
  void assemble_cameraWithoutStoredStream_namesTheCamera() {
    streams.remove("cam-yard");
    assertThatThrownBy(() -> assemble(fixture(), false))
        .isInstanceOf(InvalidDeviceException.class)
        .hasMessageContaining("video.cameras[id=cam-yard].url")
        .hasMessageContaining("PUT /api/v1/devices/2");
  }

  @Test
  void assemble_noDevices_onlyTheHeaderComment() {
    EdgeConfigAssembler.Assembled empty = assemble(List.of(), false);
    assertThat(empty.yaml().lines()).allMatch(line -> line.startsWith("#"));
    assertThat(empty.cameras()).isZero();
    assertThat(empty.ruleDevices()).isZero();
  }

  @Test
  void matches_ifNoneMatchForms_strongWeakListAndStar() {
    assertThat(GatewayConfigController.matches("\"0123456789abcdef\"", "0123456789abcdef")).isTrue();
    assertThat(GatewayConfigController.matches("W/\"0123456789abcdef\"", "0123456789abcdef"))
        .isTrue();
    assertThat(GatewayConfigController.matches("\"x\", \"0123456789abcdef\"", "0123456789abcdef"))
        .isTrue();
    assertThat(GatewayConfigController.matches("*", "0123456789abcdef")).isTrue();
    assertThat(GatewayConfigController.matches("\"fedcba9876543210\"", "0123456789abcdef"))
        .isFalse();
    assertThat(GatewayConfigController.matches("0123456789abcdef", "0123456789abcdef")).isFalse();
    assertThat(GatewayConfigController.matches(null, "0123456789abcdef")).isFalse();
  }

}
