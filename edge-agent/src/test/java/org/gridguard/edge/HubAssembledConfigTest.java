package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.managed.ManagedSections;
import org.junit.jupiter.api.Test;

/**
 * The hub and the edge agree on the format of the configuration the hub assembles from its
 * device registry: the golden files written by the hub's {@code EdgeConfigAssemblerTest} (and
 * kept byte-identical there) hold only managed keys and are accepted by the agent's own judge
 * once merged over a gateway's local sections, as a push is.
 */
class HubAssembledConfigTest {
  /** The sections a gateway keeps to itself; the hub's document never has them. */
  private static final String LOCAL = """
      gateway: {id: village-0421, credential: x}
      hub: {host: 127.0.0.1, port: 7700, tls: {enabled: false}}
      spool: {directory: /var/lib/gridguard/spool}
      """;

  private static String golden(String name) throws IOException {
    try (InputStream in = HubAssembledConfigTest.class.getResourceAsStream(
        "/config-golden/" + name)) {
      assertThat(in).as("test resource config-golden/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The golden document as a push: only managed keys, merged over a gateway's local file (with
   * an MQTT broker and its own mapping keys, so a golden file with {@code mapping.presets} /
   * {@code mapping.rules} is judged as the edge would judge it) by the agent's own validator.
   */
  private static AgentConfig judged(String name) throws IOException {
    Object pushed = YamlDocuments.parse(golden(name), "hub config " + name);
    assertThat(ManagedSections.problems(pushed)).as("a push holds only managed keys").isEmpty();
    ConfigVerdict verdict = AgentConfigLoader.judgeTree(ManagedSections.merge(
        YamlDocuments.parse(LOCAL_WITH_MQTT, "agent.yml"), pushed), "hub config " + name);
    assertThat(verdict).as(verdict.toString()).isInstanceOf(ConfigVerdict.Valid.class);
    return ((ConfigVerdict.Valid) verdict).config();
  }

  @Test
  void judge_hubAssembledConfigWithLocalSections_validWithEveryDevice() throws IOException {
    AgentConfig config = judged("village-0421.yml");

    var cameras = config.video().cameras();
    assertThat(cameras).extracting(c -> c.id()).containsExactly("cam-gate", "cam-yard");
    var gate = cameras.get(0);
    assertThat(gate.zones()).singleElement().satisfies(zone -> {
      assertThat(zone.name()).isEqualTo("fence");
      assertThat(zone.masks()).hasSize(1);
      assertThat(zone.minArea()).isEqualTo(0.02);
    });
    assertThat(gate.detect().coveredEdgeRatio()).isEqualTo(0.2);
    assertThat(gate.timeZone()).isEqualTo("Asia/Shanghai");
    assertThat(config.rules().devices()).containsOnlyKeys("WL-RIVER-BRIDGE", "door-east");
    assertThat(config.rules().watchedMetrics("water_level"))
        .containsKeys("water_level", "battery");
  }

  @Test
  void judge_hubConfigWithEdgeProfile_mappingAndDeviceTypeRulesTakenOverTheLocalFile()
      throws IOException {
    AgentConfig config = judged("village-0421.profile.yml");

    assertThat(config.video().cameras()).hasSize(2);
    assertThat(config.rules().deviceTypes()).containsKeys("smoke", "access_controller");
    assertThat(config.mapping().rules().size()).as("own rules plus the chosen presets' rules")
        .isGreaterThan(config.mapping().presetRuleCount());
  }

  @Test
  void judge_redactedHubConfig_isValidToo() throws IOException {
    AgentConfig config = judged("village-0421.redacted.yml");

    assertThat(config.video().cameras()).hasSize(2);
    assertThat(config.rules().devices()).hasSize(2);
  }

  @Test
  void judge_hubConfigWithoutLocalSections_namesTheMissingOnes() throws IOException {
    ConfigVerdict verdict = AgentConfigLoader.judge(golden("village-0421.yml"), "hub config");

    assertThat(verdict).isInstanceOf(ConfigVerdict.Invalid.class);
    assertThat(((ConfigVerdict.Invalid) verdict).problems())
        .anySatisfy(p -> assertThat(p).startsWith("gateway"))
        .noneSatisfy(p -> assertThat(p).startsWith("video"))
        .noneSatisfy(p -> assertThat(p).startsWith("rules"));
  }

  /**
   * Every managed key (PROTOCOL.md §10) in one document, the shape the hub's assembler writes
   * for a gateway with mappings and edge rules chosen at the hub.
   */
  private static final String ALL_FIVE = """
      video:
        cameras:
          - {id: cam-gate, url: "rtsp://admin:fixture-only@192.168.1.64:554/s", analysis_fps: 5}
      rules:
        devices:
          WL-RIVER-BRIDGE:
            thresholds:
              - {metric: water_level, above: 0.6, clear_below: 0.5, type: WATER_LEVEL,
                 priority: 1, category: 9104}
        device_types:
          water_level: {expected_interval: 30m}
          access_controller: {door_held_open: 90s, denied_swipes: {count: 5, within: 60s}}
      mapping:
        presets: [acme-access, senscity-sensors]
        rules:
          - name: river-gauge
            topic: vendor/river/+/level
            device_id: "{topic[2]}"
            device_type: water_level
            readings: [{metric: water_level, path: $.level}]
      """;

  /** A gateway with an MQTT broker and its own mapping keys. */
  private static final String LOCAL_WITH_MQTT = LOCAL + """
      mqtt: {broker: "tcp://127.0.0.1:1883", client_id: village-0421}
      mapping:
        credential_salt: village-0421-salt
        dead_letter: {path: /var/lib/gridguard/mqtt-dead-letter.jsonl}
        presets: [gridguard-canonical]
      """;

  @Test
  void judge_documentWithAllFiveManagedKeys_pushShapeAcceptedAndMergedConfigValid() {
    Object pushed = YamlDocuments.parse(ALL_FIVE, "hub config");
    Object local = YamlDocuments.parse(LOCAL_WITH_MQTT, "agent.yml");

    assertThat(ManagedSections.problems(pushed)).isEmpty();
    ConfigVerdict verdict = AgentConfigLoader.judgeTree(
        ManagedSections.merge(local, pushed), "config push 1");

    assertThat(verdict).as(verdict.toString()).isInstanceOf(ConfigVerdict.Valid.class);
    AgentConfig config = ((ConfigVerdict.Valid) verdict).config();
    assertThat(config.video().cameras()).extracting(c -> c.id()).containsExactly("cam-gate");
    assertThat(config.rules().devices()).containsOnlyKeys("WL-RIVER-BRIDGE");
    assertThat(config.rules().deviceTypes()).containsOnlyKeys("water_level",
        "access_controller");
    assertThat(config.mapping().credentialSalt()).as("the gateway's own key stays")
        .isEqualTo("village-0421-salt");
    assertThat(config.mapping().mappedMetrics(config.mapping().presetRuleCount()))
        .as("the hub's own rule replaced the file's (none), its presets the file's")
        .extracting(m -> m.rule()).containsExactly("river-gauge");
    assertThat(config.mapping().presetRuleCount()).as("acme-access and senscity-sensors rules")
        .isGreaterThan(1);
  }

  @Test
  void judge_mappingPushedToAGatewayWithoutItsOwnMappingKeys_theMissingSaltNamed() {
    ConfigVerdict verdict = AgentConfigLoader.judge(LOCAL + ALL_FIVE, "hub config");

    assertThat(verdict).isInstanceOf(ConfigVerdict.Invalid.class);
    assertThat(((ConfigVerdict.Invalid) verdict).problems())
        .containsExactly("mapping.credential_salt: is required");
  }
}
