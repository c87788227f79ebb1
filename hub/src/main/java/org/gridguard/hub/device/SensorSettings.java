package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sensor: what it measures, its thresholds (the edge's {@code rules.devices.<id>.thresholds}
 * entries) and how often it must report ({@code expected_interval}; silence beyond it is
 * DEVICE_SILENT at the edge and "offline" in the hub's device health).
 *
 * @param sensorType the edge's device type (e.g. {@code water_level}, {@code smoke})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SensorSettings(String sensorType, String unit, List<Threshold> thresholds,
    String expectedInterval) implements DeviceSettings {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  /** DOMAIN.md categories an edge alarm may carry (0 = device fault). */
  static final Set<Integer> CATEGORIES = Set.of(0, 9101, 9102, 9103, 9104, 9105, 9201, 9202,
      9203, 9204, 9205, 9206);

  /** Exactly one of {@code above}/{@code below}; the clear level on the safe side. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Threshold(String metric, Double above, Double below, Double clearBelow,
      Double clearAbove, String debounce, String type, Integer priority, Integer category) {
    Threshold {
      metric = Checks.requiredText(metric, "metric", 64);
      if ((above == null) == (below == null)) {
        throw new InvalidDeviceException(null, "give exactly one of 'above' or 'below'");
      }
      if (above != null && clearBelow != null && clearBelow > above) {
        throw new InvalidDeviceException("clear_below",
            "must be at or below 'above' " + above + " (hysteresis), was " + clearBelow);
      }
      if (below != null && clearAbove != null && clearAbove < below) {
        throw new InvalidDeviceException("clear_above",
            "must be at or above 'below' " + below + " (hysteresis), was " + clearAbove);
      }
      if (above != null && clearAbove != null || below != null && clearBelow != null) {
        throw new InvalidDeviceException(above != null ? "clear_above" : "clear_below",
            "does not go with " + (above != null ? "'above'" : "'below'"));
      }
      Checks.duration(debounce, "debounce", Duration.ZERO, Duration.ofHours(1));
      if (type != null) {
        type = type.toUpperCase(Locale.ROOT);
        try {
          org.gridguard.protocol.v1.AlarmType t = org.gridguard.protocol.v1.AlarmType.valueOf(type);
          if (t == org.gridguard.protocol.v1.AlarmType.UNRECOGNIZED) {
            throw new IllegalArgumentException();
          }
        } catch (IllegalArgumentException e) {
          throw new InvalidDeviceException("type", "unknown alarm type '" + Checks.cut(type)
              + "' (e.g. THRESHOLD, WATER_LEVEL, SMOKE)");
        }
      }
      Checks.range(priority, "priority", 1, 4);
      if (category != null && !CATEGORIES.contains(category)) {
        throw new InvalidDeviceException("category",
            "must be 0 (device fault) or a DOMAIN.md code 9101-9105, 9201-9206, was " + category);
      }
    }
  }

  SensorSettings {
    if (sensorType == null || !TYPE.matcher(sensorType).matches()) {
      throw new InvalidDeviceException("sensor_type",
          "is required: lower-case letters, digits and _ (e.g. water_level), was '"
              + Checks.cut(sensorType) + "'");
    }
    unit = Checks.optionalText(unit, "unit", 16);
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    Checks.duration(expectedInterval, "expected_interval", Duration.ofSeconds(1),
        Duration.ofDays(7));
  }
}
