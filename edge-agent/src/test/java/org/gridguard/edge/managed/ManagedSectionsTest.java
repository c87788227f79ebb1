package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.YamlDocuments;
import org.junit.jupiter.api.Test;

/** The push wins for video.cameras and rules.devices, the local file for everything else. */
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
        "gateway: not a managed section; a pushed configuration holds only video.cameras and "
            + "rules.devices (the gateway's own sections stay in its file)",
        "video.evidence: not managed by the hub; only video.cameras may be pushed",
        "rules: must be a mapping holding only devices");
  }

  @Test
  void problems_notAMapping_oneProblem() {
    assertThat(ManagedSections.problems(List.of(1))).singleElement().asString()
        .startsWith("(document): must be a mapping");
    assertThat(ManagedSections.problems(null)).as("an empty push manages nothing").isEmpty();
  }

  @Test
  void managedOnly_pushedSections_fixedOrderVideoThenRules() {
    Object pushed = YamlDocuments.parse("{rules: {devices: {}}, video: {cameras: []}}", "push");

    assertThat(ManagedSections.managedOnly(pushed).keySet()).containsExactly("video", "rules");
  }
}
