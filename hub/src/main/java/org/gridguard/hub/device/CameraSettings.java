package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A camera's analysis settings, as the edge's {@code video.cameras[]} entry names them (all
 * optional: the edge's defaults apply). The stream URL and its credentials are not here
 * ({@link CameraStream}).
 *
 * @param detect detector settings ({@code learn}, {@code frozen_after}, {@code covered_edge_ratio}
 *     …): durations as text, ratios as numbers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CameraSettings(String transport, Integer analysisFps, String analysisSize,
    Boolean keyframesOnly, Boolean snapshots, String timeZone, Map<String, Object> detect,
    List<Zone> zones) implements DeviceSettings {
  static final Set<String> DETECT_DURATIONS = Set.of("learn", "baseline_adapt", "clear_after",
      "video_loss_after", "frozen_after", "covered_after", "defocus_after", "scene_change_after");
  static final Set<String> DETECT_RATIOS = Set.of("covered_edge_ratio", "defocus_ratio",
      "scene_match_ratio");
  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{1,3}x[1-9][0-9]{1,3}");

  /**
   * A motion zone: polygon and masks as [x, y] fractions of the picture (0..1, origin top-left).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Zone(String name, List<List<Double>> polygon, List<List<List<Double>>> masks,
      String schedule, Double minArea, String minDuration, String hold) {
    private static final Pattern SCHEDULE =
        Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]");

    Zone {
      name = Checks.requiredText(name, "name", 64);
      polygon = polygon(polygon, "polygon");
      masks = masks == null ? List.of() : List.copyOf(masks);
      for (int i = 0; i < masks.size(); i++) {
        polygon(masks.get(i), "masks[" + i + "]");
      }
      if (schedule != null && !SCHEDULE.matcher(schedule).matches()) {
        throw new InvalidDeviceException("schedule",
            "must be HH:MM-HH:MM (e.g. 22:00-06:00), was '" + Checks.cut(schedule) + "'");
      }
      Checks.range(minArea, "min_area", 0.0, 1.0);
      Checks.duration(minDuration, "min_duration", Duration.ZERO, Duration.ofMinutes(10));
      Checks.duration(hold, "hold", Duration.ZERO, Duration.ofHours(1));
    }

    private static List<List<Double>> polygon(List<List<Double>> points, String field) {
      if (points == null || points.size() < 3 || points.size() > 64) {
        throw new InvalidDeviceException(field, "needs 3 to 64 points [x, y]");
      }
      for (int i = 0; i < points.size(); i++) {
        List<Double> p = points.get(i);
        if (p == null || p.size() != 2 || p.stream().anyMatch(java.util.Objects::isNull)) {
          throw new InvalidDeviceException(field + "[" + i + "]", "must be [x, y]");
        }
        for (Double c : p) {
          if (c.isNaN() || c < 0 || c > 1) {
            throw new InvalidDeviceException(field + "[" + i + "]",
                "x and y are fractions of the picture, 0..1, was " + p);
          }
        }
      }
      return List.copyOf(points.stream().map(List::copyOf).toList());
    }
  }

  CameraSettings {
    if (transport != null && !transport.equals("tcp") && !transport.equals("udp")) {
      throw new InvalidDeviceException("transport", "must be tcp or udp, was '"
          + Checks.cut(transport) + "'");
    }
    Checks.range(analysisFps, "analysis_fps", 1, 30);
    if (analysisSize != null && !SIZE.matcher(analysisSize).matches()) {
      throw new InvalidDeviceException("analysis_size", "must be WIDTHxHEIGHT like 320x180, was '"
          + Checks.cut(analysisSize) + "'");
    }
    if (timeZone != null) {
      try {
        java.time.ZoneId.of(timeZone);
      } catch (java.time.DateTimeException e) {
        throw new InvalidDeviceException("time_zone", "unknown time zone '"
            + Checks.cut(timeZone) + "' (e.g. Asia/Shanghai)");
      }
    }
    detect = detect == null ? Map.of() : detect(detect);
    zones = zones == null ? List.of() : List.copyOf(zones);
    if (zones.stream().map(Zone::name).distinct().count() != zones.size()) {
      throw new InvalidDeviceException("zones", "zone names must be unique");
    }
  }

  private static Map<String, Object> detect(Map<String, Object> given) {
    Map<String, Object> out = new TreeMap<>();
    given.forEach((key, value) -> {
      String field = "detect." + key;
      if (DETECT_DURATIONS.contains(key)) {
        if (!(value instanceof String text)) {
          throw new InvalidDeviceException(field, "must be a duration like 10s");
        }
        Checks.duration(text, field, Duration.ZERO, Duration.ofDays(1));
      } else if (DETECT_RATIOS.contains(key)) {
        if (!(value instanceof Number n)) {
          throw new InvalidDeviceException(field, "must be a number between 0 and 1");
        }
        Checks.range(n.doubleValue(), field, 0.0, 1.0);
      } else {
        throw new InvalidDeviceException(field, "unknown detector setting; known: "
            + new java.util.TreeSet<>(union()));
      }
      out.put(key, value);
    });
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Set<String> union() {
    Set<String> all = new java.util.HashSet<>(DETECT_DURATIONS);
    all.addAll(DETECT_RATIOS);
    return all;
  }
}
