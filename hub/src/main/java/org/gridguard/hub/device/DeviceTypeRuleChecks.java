package org.gridguard.hub.device;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridguard.protocol.v1.AlarmType;

/**
 * The hub's checks of a gateway's device-type edge rules ({@code rules.device_types}), as the
 * edge's {@code DeviceRulesParser} reads them: a mapping of device type → rules with the keys
 * {@code thresholds}, {@code rate_of_change}, {@code expected_interval}, {@code door_held_open}
 * and {@code denied_swipes}, each item with its own keys, levels, ranges and hysteresis. Units
 * are left to the edge.
 */
final class DeviceTypeRuleChecks {
  static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  static final Set<String> KEYS = Set.of("thresholds", "rate_of_change", "expected_interval",
      "door_held_open", "denied_swipes");
  static final Set<String> THRESHOLD_KEYS = Set.of("metric", "above", "below", "clear_below",
      "clear_above", "debounce", "type", "priority", "category", "unit");
  static final Set<String> RATE_KEYS = Set.of("metric", "max_per_minute", "priority", "category",
      "unit");
  static final Set<String> DENIAL_KEYS = Set.of("count", "within");
  private static final Duration WEEK = Duration.ofDays(7);
  private static final double LEVEL = 1e12;

  private DeviceTypeRuleChecks() {}

  static void check(Object doc, String path, int maxTypes, ProfileProblems problems) {
    if (!(doc instanceof Map<?, ?> types)) {
      problems.add(path, "must be a YAML mapping of device type → rules (\"smoke:\\n  "
          + "thresholds: …\"), found " + YamlShape.describe(doc));
      return;
    }
    if (types.size() > maxTypes) {
      problems.add(path, "at most " + maxTypes + " device types "
          + "(gridguard.edge-profile.max-device-types), found " + types.size());
      return;
    }
    for (Map.Entry<?, ?> e : types.entrySet()) {
      String at = path + "." + e.getKey();
      if (!(e.getKey() instanceof String type) || !TYPE.matcher(type).matches()) {
        problems.add(at, "a device type is lower-case letters, digits and _ (e.g. water_level), "
            + "found " + YamlShape.describe(e.getKey()));
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> rules)) {
        problems.add(at, "must be a mapping of rules (" + String.join(", ",
            new java.util.TreeSet<>(KEYS)) + "), found " + YamlShape.describe(e.getValue()));
        continue;
      }
      rules(rules, at, problems);
    }
  }

  private static void rules(Map<?, ?> rules, String at, ProfileProblems problems) {
    YamlShape.knownKeys(rules, at, KEYS, problems);
    List<?> thresholds = YamlShape.list(rules, "thresholds", at, problems);
    if (thresholds != null) {
      for (int i = 0; i < thresholds.size(); i++) {
        item(thresholds.get(i), at + ".thresholds[" + i + "]", true, problems);
      }
    }
    List<?> rates = YamlShape.list(rules, "rate_of_change", at, problems);
    if (rates != null) {
      for (int i = 0; i < rates.size(); i++) {
        item(rates.get(i), at + ".rate_of_change[" + i + "]", false, problems);
      }
    }
    YamlShape.duration(rules, "expected_interval", at, Duration.ofSeconds(1), WEEK, problems);
    YamlShape.duration(rules, "door_held_open", at, Duration.ofSeconds(1), WEEK, problems);
    Map<?, ?> denials = YamlShape.mapping(rules, "denied_swipes", at, problems);
    if (denials != null) {
      String d = at + ".denied_swipes";
      YamlShape.knownKeys(denials, d, DENIAL_KEYS, problems);
      YamlShape.integer(denials, "count", d, 2, 1000, problems);
      YamlShape.duration(denials, "within", d, Duration.ofSeconds(1), WEEK, problems);
    }
  }

  /** A threshold ({@code threshold}) or a rate-of-change entry. */
  private static void item(Object raw, String at, boolean threshold, ProfileProblems problems) {
    if (!(raw instanceof Map<?, ?> t)) {
      problems.add(at, "must be a mapping (metric, " + (threshold ? "above or below" :
          "max_per_minute") + ", …), found " + YamlShape.describe(raw));
      return;
    }
    YamlShape.knownKeys(t, at, threshold ? THRESHOLD_KEYS : RATE_KEYS, problems);
    String metric = YamlShape.requiredText(t, "metric", at, problems);
    if (metric != null && !metric.matches("[a-z][a-z0-9_]{0,62}")) {
      problems.add(at + ".metric", "must be snake_case (a-z, 0-9, _), was '"
          + Checks.cut(metric) + "'");
    }
    YamlShape.integer(t, "priority", at, 1, 4, problems);
    Long category = YamlShape.integer(t, "category", at, 0, 9999, problems);
    if (category != null && !SensorSettings.CATEGORIES.contains(category.intValue())) {
      problems.add(at + ".category", "must be 0 (device fault) or a DOMAIN.md code 9101-9105, "
          + "9201-9206, was " + category);
    }
    YamlShape.optionalText(t, "unit", at, problems);
    if (!threshold) {
      if (!t.containsKey("max_per_minute")) {
        problems.add(at + ".max_per_minute", "required (negative = falling)");
      } else {
        Double perMinute = YamlShape.number(t, "max_per_minute", at, -1e9, 1e9, problems);
        if (perMinute != null && perMinute == 0) {
          problems.add(at + ".max_per_minute", "must not be 0 (negative = falling)");
        }
      }
      return;
    }
    boolean high = t.containsKey("above");
    if (high == t.containsKey("below")) {
      problems.add(at, "give exactly one of 'above' or 'below'");
      return;
    }
    Double trigger = YamlShape.number(t, high ? "above" : "below", at, -LEVEL, LEVEL, problems);
    String clearKey = high ? "clear_below" : "clear_above";
    String wrongClear = high ? "clear_above" : "clear_below";
    if (t.containsKey(wrongClear)) {
      problems.add(at + "." + wrongClear, "does not go with '" + (high ? "above" : "below")
          + "'; use " + clearKey);
    }
    Double clear = YamlShape.number(t, clearKey, at, -LEVEL, LEVEL, problems);
    if (trigger != null && clear != null && (high ? clear > trigger : clear < trigger)) {
      problems.add(at + "." + clearKey, "must be on the safe side of the trigger level "
          + trigger + " (hysteresis), was " + clear);
    }
    YamlShape.duration(t, "debounce", at, Duration.ZERO, Duration.ofHours(1), problems);
    String type = YamlShape.optionalText(t, "type", at, problems);
    if (type != null && !alarmType(type)) {
      problems.add(at + ".type", "unknown alarm type '" + Checks.cut(type)
          + "' (e.g. THRESHOLD, WATER_LEVEL, SMOKE)");
    }
  }

  private static boolean alarmType(String name) {
    try {
      AlarmType t = AlarmType.valueOf(name.toUpperCase(Locale.ROOT));
      return t != AlarmType.UNRECOGNIZED;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
