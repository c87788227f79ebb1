package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.detect.DetectConfig;
import org.gridguard.edge.detect.ZoneConfig;
import org.gridguard.edge.source.camera.Polygon;
import org.junit.jupiter.api.Test;

class CamerasConfigTest {
  private static final List<List<Double>> SQUARE = List.of(List.of(0.1, 0.1), List.of(0.9, 0.1),
      List.of(0.9, 0.9), List.of(0.1, 0.9));

  @Test
  void from_minimalCamera_appliesDefaults() {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig config = CamerasConfig.from(ConfigNode.root(Map.of("cameras",
        List.of(Map.of("id", "gate", "url", "rtsp://10.0.0.2/s1"))), problems));

    assertThat(problems.list()).isEmpty();
    CameraConfig cam = config.cameras().get(0);
    assertThat(cam.stream().analysisFps()).isEqualTo(5);
    assertThat(cam.stream().analysisWidth()).isEqualTo(320);
    assertThat(cam.stream().analysisHeight()).isEqualTo(180);
    assertThat(cam.stream().rtspTransport()).isEqualTo("tcp");
    assertThat(cam.stream().isRtsp()).isTrue();
    assertThat(cam.detect()).isEqualTo(DetectConfig.DEFAULTS);
    assertThat(cam.stream().streamTiming()).isFalse();
    assertThat(config.evidence().chunkBytes()).isEqualTo(256 * 1024);
  }

  @Test
  void from_zoneWithMaskAndSchedule_parses() {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig config = CamerasConfig.from(ConfigNode.root(Map.of("cameras", List.of(Map.of(
        "id", "yard", "url", "rtsp://10.0.0.3/s1", "zones", List.of(Map.of("name", "fence",
            "polygon", SQUARE, "masks", List.of(SQUARE), "schedule", "22:00-06:00",
            "min_area", 0.05, "min_duration", "1s"))))), problems));

    assertThat(problems.list()).isEmpty();
    ZoneConfig zone = config.cameras().get(0).zones().get(0);
    assertThat(zone.masks()).hasSize(1);
    assertThat(zone.minArea()).isEqualTo(0.05);
    assertThat(zone.minDuration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(zone.schedule().isActive(LocalTime.of(23, 0))).isTrue();
    assertThat(zone.schedule().isActive(LocalTime.of(5, 59))).isTrue();
    assertThat(zone.schedule().isActive(LocalTime.of(12, 0))).isFalse();
  }

  @Test
  void from_badValues_reportsEveryProblemWithItsPath() {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig.from(ConfigNode.root(Map.of("cameras", List.of(
        Map.of("id", "a b", "url", "rtsp://x", "analysis_fps", 0, "analysis_size", "big",
            "detect", Map.of("video_loss_after", "30s"), "colour", "red"),
        Map.of("id", "c", "url", "rtsp://y", "zones", List.of(Map.of("name", "z",
            "polygon", List.of(List.of(0.1, 0.1), List.of(2.0, 0.1), List.of(0.5, 0.5)),
            "schedule", "late"))))), problems));

    assertThat(problems.list()).containsExactlyInAnyOrder(
        "cameras[0].id: must be 1-64 characters of [A-Za-z0-9._-], was 'a b'",
        "cameras[0].analysis_fps: must be within [0.1, 30.0], was 0.0",
        "cameras[0].analysis_size: must be WIDTHxHEIGHT with even sides within 16..1920 x "
            + "16..1080, was 'big'",
        "cameras[0].detect.video_loss_after: must be within [PT0.1S, PT10S], was PT30S",
        "cameras[0].colour: unknown key",
        "cameras[1].zones[0].polygon: polygon points must be [x, y] within [0, 1]",
        "cameras[1].zones[0].schedule: must look like 22:00-06:00, was 'late'");
  }

  @Test
  void from_duplicateIds_isProblem() {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig.from(ConfigNode.root(Map.of("cameras", List.of(
        Map.of("id", "a", "url", "rtsp://x"), Map.of("id", "a", "url", "rtsp://y"))), problems));
    assertThat(problems.list()).containsExactly("cameras[1].id: duplicate camera id 'a'");
  }

  @Test
  void polygon_rasterise_coversItsArea() {
    Polygon half = new Polygon(List.of(new double[] {0, 0.5}, new double[] {1, 0.5},
        new double[] {1, 1}, new double[] {0, 1}));
    boolean[] mask = half.rasterise(10, 10);
    int inside = 0;
    for (boolean b : mask) {
      inside += b ? 1 : 0;
    }
    assertThat(inside).isEqualTo(50);
    assertThat(mask[0]).isFalse();
    assertThat(mask[99]).isTrue();
  }
}
