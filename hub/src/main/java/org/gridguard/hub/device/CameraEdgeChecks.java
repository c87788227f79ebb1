package org.gridguard.hub.device;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the edge agent refuses in a camera that {@link CameraSettings} alone lets through, checked
 * when a camera is registered or changed (REST, console, CSV import) so that the hub never
 * assembles a camera the edge then refuses: the edge's camera id pattern
 * ({@code CameraStream.ID}), its analysis size (even sides, 16..1920 x 16..1080), its detector
 * ranges ({@code CamerasConfig.detect}) and its zone limits (min_area, hold). Kept apart from the
 * records so that devices stored before these checks can still be read.
 */
final class CameraEdgeChecks {
  /** The edge's camera id ({@code video.cameras[].id}). */
  static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Duration MIN = Duration.ofMillis(100);
  private static final Duration HOUR = Duration.ofHours(1);

  /** A detector setting's range at the edge. */
  private record Range(Duration min, Duration max, double low, double high) {
    static Range time(Duration min, Duration max) {
      return new Range(min, max, 0, 0);
    }

    static Range ratio(double low, double high) {
      return new Range(null, null, low, high);
    }
  }

  private static final Map<String, Range> DETECT = Map.ofEntries(
      Map.entry("learn", Range.time(Duration.ofSeconds(1), HOUR)),
      Map.entry("clear_after", Range.time(MIN, HOUR)),
      Map.entry("video_loss_after", Range.time(MIN, Duration.ofSeconds(10))),
      Map.entry("frozen_after", Range.time(MIN, HOUR)),
      Map.entry("covered_after", Range.time(MIN, HOUR)),
      Map.entry("defocus_after", Range.time(MIN, HOUR)),
      Map.entry("scene_change_after", Range.time(MIN, HOUR)),
      Map.entry("baseline_adapt", Range.time(Duration.ofSeconds(10), Duration.ofDays(1))),
      Map.entry("covered_edge_ratio", Range.ratio(0.01, 0.9)),
      Map.entry("defocus_ratio", Range.ratio(0.01, 0.95)),
      Map.entry("scene_match_ratio", Range.ratio(0.05, 0.95)));

  private CameraEdgeChecks() {}

  /** @throws InvalidDeviceException naming the field, as the edge would */
  static void check(String deviceId, CameraSettings s) {
    if (deviceId != null && !CAMERA_ID.matcher(deviceId).matches()) {
      throw new InvalidDeviceException("deviceId", "a camera's id is its video.cameras[].id at "
          + "the edge: 1-64 characters of [A-Za-z0-9._-], was '" + Checks.cut(deviceId) + "'");
    }
    if (s.analysisSize() != null) {
      String[] wh = s.analysisSize().split("x");
      int w = Integer.parseInt(wh[0]);
      int h = Integer.parseInt(wh[1]);
      if (w < 16 || h < 16 || w > 1920 || h > 1080 || w % 2 != 0 || h % 2 != 0) {
        throw new InvalidDeviceException("settings.analysis_size", "must be WIDTHxHEIGHT with "
            + "even sides within 16..1920 x 16..1080, was '" + s.analysisSize() + "'");
      }
    }
    s.detect().forEach((key, value) -> {
      Range r = DETECT.get(key);
      String field = "settings.detect." + key;
      if (r == null) {
        return; // CameraSettings refused it already
      }
      if (r.min() != null) {
        Checks.duration(String.valueOf(value), field, r.min(), r.max());
      } else {
        Checks.range(((Number) value).doubleValue(), field, r.low(), r.high());
      }
    });
    List<CameraSettings.Zone> zones = s.zones();
    for (int i = 0; i < zones.size(); i++) {
      CameraSettings.Zone z = zones.get(i);
      String at = "settings.zones[" + i + "]";
      Checks.range(z.minArea(), at + ".min_area", 0.0001, 1.0);
      Checks.duration(z.hold(), at + ".hold", MIN, HOUR);
    }
  }
}
