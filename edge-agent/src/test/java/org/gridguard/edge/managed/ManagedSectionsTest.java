package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.YamlDocuments;
import org.junit.jupiter.api.Test;

/**
 * The push wins for the managed keys it holds (video.cameras, rules.devices,
 * rules.device_types, mapping.presets, mapping.rules), the local file for everything else.
 */
class ManagedSectionsTest {
  private static final Object LOCAL = YamlDocuments.parse("""
      gateway: {id: gw-1, credential: x}
      video:
        evidence: {jpeg_quality: 0.7}
        cameras:
          - {id: cam-local, url: rtsp://10.0.0.9/s}
      rules:
        tick: 500ms
        devices:
          door-local: {door_held_open: 30s}
        device_types:
          water_level: {expected_interval: 30m}
      mapping:
        credential_salt: local-salt-1234
        dead_letter: {path: /var/lib/gridguard/dl.jsonl}
        presets: [gridguard-canonical]
        rules:
          - {name: local-rule, topic: local/+/t, device_id: "{topic[1]}", device_type: meter,
             readings: [{metric: energy, path: $.e}]}
      """, "local");

  @Test
  void merge_bothSectionsPushed_replaceTheLocalOnesWholly_restStaysLocal() {
    Object pushed = YamlDocuments.parse("""
        video:
          cameras: [{id: cam-hub, url: rtsp://10.0.0.2/s}]
        rules:
          devices: {door-hub: {door_held_open: 60s}}
        """, "push");

    Map<String, Object> merged = ManagedSections.merge(LOCAL, pushed);

    assertThat(merged).containsKey("gateway");
    Map<?, ?> video = (Map<?, ?>) merged.get("video");
    assertThat(video.get("evidence")).isEqualTo(Map.of("jpeg_quality", 0.7));
    assertThat((List<?>) video.get("cameras")).singleElement()
        .satisfies(c -> assertThat(((Map<?, ?>) c).get("id")).isEqualTo("cam-hub"));
    Map<?, ?> rules = (Map<?, ?>) merged.get("rules");
    assertThat(rules.get("tick")).isEqualTo("500ms");
    assertThat(((Map<?, ?>) rules.get("devices")).keySet().toString()).isEqualTo("[door-hub]");
    assertThat(((Map<?, ?>) ((Map<?, ?>) LOCAL).get("video")).get("cameras"))
        .as("the local tree is not changed").asList().hasSize(1);
  }

  @Test
  void merge_onlyCamerasPushed_localRulesStay() {
    Object pushed = YamlDocuments.parse("video: {cameras: []}", "push");

    Map<String, Object> merged = ManagedSections.merge(LOCAL, pushed);

    assertThat((List<?>) ((Map<?, ?>) merged.get("video")).get("cameras")).isEmpty();
    assertThat(((Map<?, ?>) ((Map<?, ?>) merged.get("rules")).get("devices")).keySet().toString())
        .isEqualTo("[door-local]");
  }

  @Test
  void merge_localWithoutVideo_sectionCreated() {
    Object local = YamlDocuments.parse("gateway: {id: gw-1, credential: x}", "local");

    Map<String, Object> merged = ManagedSections.merge(local,
        YamlDocuments.parse("video: {cameras: [{id: c, url: u}]}", "push"));

    assertThat(((Map<?, ?>) merged.get("video")).keySet().toString()).isEqualTo("[cameras]");
  }

  @Test
  void problems_unmanagedSectionsAndKeys_eachNamedWithItsPath() {
    Object pushed = YamlDocuments.parse("""
        gateway: {id: other}
        video: {cameras: [], evidence: {queue: 3}}
        rules: [1, 2]
        """, "push");

    assertThat(ManagedSections.problems(pushed)).containsExactlyInAnyOrder(
        "gateway: not a managed section; a pushed configuration holds only video.cameras, "
            + "rules.devices, rules.device_types, mapping.presets, mapping.rules (the "
            + "gateway's own sections stay in its file)",
        "video.evidence: not managed by the hub; a push may hold only video.cameras "
            + "(video.evidence stays in the gateway's own file)",
        "rules: must be a mapping holding only rules.devices and rules.device_types");
  }

  @Test
  void problems_mappingAndRulesKeysOfTheGateway_refusedWithTheirPaths() {
    Object pushed = YamlDocuments.parse("""
        rules: {device_types: {}, queue_capacity: 5}
        mapping:
          presets: [acme-access]
          rules: []
          dead_letter: {path: /tmp/x}
          credential_salt: hub-salt-123
          max_payload_bytes: 1024
        mqtt: {broker: "tcp://10.0.0.1:1883"}
        """, "push");

    assertThat(ManagedSections.problems(pushed)).containsExactlyInAnyOrder(
        "rules.queue_capacity: not managed by the hub; a push may hold only rules.devices and "
            + "rules.device_types (rules.queue_capacity stays in the gateway's own file)",
        "mapping.dead_letter: not managed by the hub; a push may hold only mapping.presets and "
            + "mapping.rules (mapping.dead_letter stays in the gateway's own file)",
        "mapping.credential_salt: not managed by the hub; a push may hold only mapping.presets "
            + "and mapping.rules (mapping.credential_salt stays in the gateway's own file)",
        "mapping.max_payload_bytes: not managed by the hub; a push may hold only "
            + "mapping.presets and mapping.rules (mapping.max_payload_bytes stays in the "
            + "gateway's own file)",
        "mqtt: not a managed section; a pushed configuration holds only video.cameras, "
            + "rules.devices, rules.device_types, mapping.presets, mapping.rules (the "
            + "gateway's own sections stay in its file)");
  }

  @Test
  void problems_allFiveManagedKeys_none() {
    Object pushed = YamlDocuments.parse("""
        video: {cameras: []}
        rules: {devices: {}, device_types: {}}
        mapping: {presets: [], rules: []}
        """, "push");

    assertThat(ManagedSections.problems(pushed)).isEmpty();
  }

  @Test
  void merge_mappingRulesPushed_replaceTheFilesRulesOnly_presetsAndOwnKeysStay() {
    Object pushed = YamlDocuments.parse("""
        mapping:
          rules:
            - {name: hub-rule, topic: vendor/+/x, device_id: "{topic[1]}",
               device_type: meter, readings: [{metric: energy, path: $.e}]}
        """, "push");

    Map<?, ?> mapping = (Map<?, ?>) ManagedSections.merge(LOCAL, pushed).get("mapping");

    assertThat((List<?>) mapping.get("rules")).singleElement()
        .satisfies(r -> assertThat(((Map<?, ?>) r).get("name")).isEqualTo("hub-rule"));
    assertThat(mapping.get("presets")).isEqualTo(List.of("gridguard-canonical"));
    assertThat(mapping.get("credential_salt")).isEqualTo("local-salt-1234");
    assertThat(mapping.get("dead_letter")).isEqualTo(Map.of("path", "/var/lib/gridguard/dl.jsonl"));
  }

  @Test
  void merge_emptyListsPushed_replaceTheFilesAsAWhole() {
    Object pushed = YamlDocuments.parse("{mapping: {presets: [], rules: []}, "
        + "rules: {device_types: {}}}", "push");

    Map<String, Object> merged = ManagedSections.merge(LOCAL, pushed);

    Map<?, ?> mapping = (Map<?, ?>) merged.get("mapping");
    assertThat((List<?>) mapping.get("presets")).as("mapping.presets: [] = no presets").isEmpty();
    assertThat((List<?>) mapping.get("rules")).as("mapping.rules: [] = no own rules").isEmpty();
    Map<?, ?> rules = (Map<?, ?>) merged.get("rules");
    assertThat((Map<?, ?>) rules.get("device_types")).isEmpty();
    assertThat(((Map<?, ?>) rules.get("devices")).keySet().toString())
        .as("rules.devices absent from the push: the file's stay").isEqualTo("[door-local]");
  }

  @Test
  void merge_localWithoutMapping_sectionCreatedWithThePushedKeysOnly() {
    Object local = YamlDocuments.parse("gateway: {id: gw-1, credential: x}", "local");

    Map<String, Object> merged = ManagedSections.merge(local,
        YamlDocuments.parse("mapping: {presets: [acme-access]}", "push"));

    assertThat(merged.get("mapping")).isEqualTo(Map.of("presets", List.of("acme-access")));
  }

  @Test
  void problems_notAMapping_oneProblem() {
    assertThat(ManagedSections.problems(List.of(1))).singleElement().asString()
        .startsWith("(document): must be a mapping");
    assertThat(ManagedSections.problems(null)).as("an empty push manages nothing").isEmpty();
  }

  @Test
  void managedOnly_pushedSections_fixedOrderVideoRulesMapping() {
    Object pushed = YamlDocuments.parse("{mapping: {rules: [], presets: [a]}, "
        + "rules: {device_types: {}, devices: {}}, video: {cameras: []}}", "push");

    Map<String, Object> kept = ManagedSections.managedOnly(pushed);

    assertThat(kept.keySet()).containsExactly("video", "rules", "mapping");
    assertThat(((Map<?, ?>) kept.get("rules")).keySet().toString())
        .isEqualTo("[devices, device_types]");
    assertThat(((Map<?, ?>) kept.get("mapping")).keySet().toString())
        .isEqualTo("[presets, rules]");
  }
}
