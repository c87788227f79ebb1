package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The camera checks the edge makes and CameraSettings alone does not, each with its field. */
class CameraEdgeChecksTest {
  static final List<List<Double>> SQUARE = List.of(List.of(0.0, 0.0), List.of(1.0, 0.0),
      List.of(1.0, 1.0), List.of(0.0, 1.0));

  static CameraSettings settings(String size, Map<String, Object> detect,
      CameraSettings.Zone... zones) {
    return new CameraSettings(null, null, size, null, null, null, detect, List.of(zones));
  }

  static CameraSettings.Zone zone(Double minArea, String hold) {
    return new CameraSettings.Zone("z" + minArea + hold, SQUARE, null, null, minArea, null, hold);
  }

  static void refused(String id, CameraSettings s, String field, String reason) {
    assertThatThrownBy(() -> CameraEdgeChecks.check(id, s))
        .isInstanceOf(InvalidDeviceException.class)
        .hasMessageStartingWith(field + ": ").hasMessageContaining(reason);
  }

  @Test
  void check_whatTheEdgeAccepts_passes() {
    assertThatCode(() -> CameraEdgeChecks.check("cam-gate.1_A", settings("1920x1080",
        Map.of("learn", "1s", "video_loss_after", "10s", "covered_edge_ratio", 0.9,
            "baseline_adapt", "1d"), zone(0.0001, "100ms")))).doesNotThrowAnyException();
    assertThatCode(() -> CameraEdgeChecks.check("c", settings(null, null)))
        .doesNotThrowAnyException();
  }

  @Test
  void check_cameraIdTheEdgeRefuses_namesThePattern() {
    refused("cam:1", settings(null, null), "deviceId", "[A-Za-z0-9._-]");
    refused("c".repeat(65), settings(null, null), "deviceId", "1-64 characters");
  }

  @Test
  void check_analysisSizeOddOrTooLarge_refused() {
    refused("c", settings("321x180", null), "settings.analysis_size", "even sides");
    refused("c", settings("2000x180", null), "settings.analysis_size", "16..1920 x 16..1080");
    refused("c", settings("320x10", null), "settings.analysis_size", "was '320x10'");
  }

  @Test
  void check_detectorOutsideTheEdgesRange_refusedWithItsPath() {
    refused("c", settings(null, Map.of("video_loss_after", "20s")),
        "settings.detect.video_loss_after", "between PT0.1S and PT10S");
    refused("c", settings(null, Map.of("learn", "500ms")), "settings.detect.learn",
        "between PT1S and PT1H");
    refused("c", settings(null, Map.of("baseline_adapt", "5s")), "settings.detect.baseline_adapt",
        "was 5s");
    refused("c", settings(null, Map.of("covered_edge_ratio", 0.95)),
        "settings.detect.covered_edge_ratio", "between 0.01 and 0.9");
    refused("c", settings(null, Map.of("scene_match_ratio", 0.01)),
        "settings.detect.scene_match_ratio", "between 0.05 and 0.95");
  }

  @Test
  void check_zoneLimits_refusedWithTheZonesIndex() {
    refused("c", settings(null, null, zone(0.5, null), zone(0.0, null)),
        "settings.zones[1].min_area", "between 1.0E-4 and 1.0");
    refused("c", settings(null, null, zone(null, "0s")), "settings.zones[0].hold",
        "between PT0.1S and PT1H");
  }
}
