package org.gridguard.edge.rules;

import static org.gridguard.protocol.v1.AlarmType.EBIKE;
import static org.gridguard.protocol.v1.AlarmType.GAS_LEAK;
import static org.gridguard.protocol.v1.AlarmType.LOW_BATTERY_LEVEL;
import static org.gridguard.protocol.v1.AlarmType.MANHOLE_COVER;
import static org.gridguard.protocol.v1.AlarmType.SMOKE;
import static org.gridguard.protocol.v1.AlarmType.WATER_LEVEL;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Rules every device of a known type gets unless the config overrides them: the device types
 * of the shipped mapping presets. Levels are conservative starting points for a village; a
 * deployment tunes them under {@code rules.device_types} or per device. Each declares the unit
 * its levels are in (battery %, water level m, smoke obscuration %/m, gas %LEL, tilt deg,
 * charging current A): a reading in a convertible unit (mm, cm, mA, rad) is converted, one in
 * another unit (battery in V, smoke in ppm) is refused by that rule and counted.
 */
final class BuiltInDefaults {
  static final ThresholdSpec LOW_BATTERY =
      new ThresholdSpec("battery", false, 20, 25, Duration.ZERO, LOW_BATTERY_LEVEL, 4, 0, "%");

  private static final DeviceRules DOOR = new DeviceRules(List.of(LOW_BATTERY), List.of(),
      Duration.ofMinutes(10), Duration.ofSeconds(60), new DenialSpec(5, Duration.ofSeconds(60)));

  static final Map<String, DeviceRules> BY_TYPE = Map.of(
      "water_level", new DeviceRules(List.of(
          new ThresholdSpec("water_level", true, 1.0, 0.8, Duration.ofSeconds(30), WATER_LEVEL, 1, 9104, "m"),
          LOW_BATTERY),
          List.of(new RateSpec("water_level", 0.1, 2, 9104, "m")), Duration.ofMinutes(30), null, null),
      "smoke", new DeviceRules(List.of(
          new ThresholdSpec("smoke_density", true, 10, 5, Duration.ZERO, SMOKE, 1, 9101, "%/m"),
          LOW_BATTERY), List.of(), Duration.ofHours(2), null, null),
      "gas", new DeviceRules(List.of(
          new ThresholdSpec("gas_concentration", true, 20, 10, Duration.ZERO, GAS_LEAK, 1, 9102, "%LEL"),
          LOW_BATTERY), List.of(), Duration.ofHours(1), null, null),
      "manhole_cover", new DeviceRules(List.of(
          new ThresholdSpec("tilt_angle", true, 15, 5, Duration.ofSeconds(5), MANHOLE_COVER, 1, 9105, "deg"),
          LOW_BATTERY), List.of(), Duration.ofHours(6), null, null),
      "ebike_charging", new DeviceRules(List.of(
          new ThresholdSpec("charging_current", true, 0.5, 0.2, Duration.ofSeconds(30), EBIKE, 2, 9201, "A"),
          LOW_BATTERY), List.of(), Duration.ofHours(1), null, null),
      "temp_humidity", new DeviceRules(List.of(LOW_BATTERY), List.of(), Duration.ofMinutes(30), null, null),
      "emergency_button", new DeviceRules(List.of(LOW_BATTERY), List.of(), Duration.ofHours(24), null, null),
      "access_controller", DOOR,
      "door", DOOR);

  /** Any other type: only the low-battery threshold. */
  static final DeviceRules OTHER = new DeviceRules(List.of(LOW_BATTERY), List.of(), null, null, null);

  private BuiltInDefaults() {}

  static DeviceRules forType(String type) {
    return BY_TYPE.getOrDefault(type, OTHER);
  }
}
