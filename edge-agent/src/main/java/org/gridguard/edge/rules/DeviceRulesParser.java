package org.gridguard.edge.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.protocol.v1.AlarmType;

/** Reads one {@code rules.device_types.<type>} or {@code rules.devices.<id>} entry. */
final class DeviceRulesParser {
  private static final Duration DAY = Duration.ofDays(7);

  private DeviceRulesParser() {}

  static DeviceRules parse(ConfigNode node) {
    List<ThresholdSpec> thresholds = node.has("thresholds") ? new ArrayList<>() : null;
    for (ConfigNode t : node.list("thresholds")) {
      ThresholdSpec spec = threshold(t);
      if (spec != null) {
        thresholds.add(spec);
      }
    }
    List<RateSpec> rates = node.has("rate_of_change") ? new ArrayList<>() : null;
    for (ConfigNode r : node.list("rate_of_change")) {
      String metric = r.string("metric");
      double perMinute = r.number("max_per_minute", 0, -1e9, 1e9);
      int priority = (int) r.integer("priority", 2, 1, 4);
      int category = category(r);
      String unit = unit(r);
      r.rejectUnknownKeys();
      if (perMinute == 0) {
        r.problem("max_per_minute", "is required and must not be 0 (negative = falling)");
      } else if (!metric.isEmpty()) {
        rates.add(new RateSpec(metric, perMinute, priority, category, unit));
      }
    }
    Duration interval = node.duration("expected_interval", null, Duration.ofSeconds(1), DAY);
    Duration heldOpen = node.duration("door_held_open", null, Duration.ofSeconds(1), DAY);
    DenialSpec denials = null;
    if (node.has("denied_swipes")) {
      ConfigNode d = node.child("denied_swipes");
      int count = (int) d.integer("count", 5, 2, 1000);
      Duration within = d.duration("within", Duration.ofSeconds(60), Duration.ofSeconds(1), DAY);
      d.rejectUnknownKeys();
      denials = new DenialSpec(count, within);
    }
    node.rejectUnknownKeys();
    return new DeviceRules(thresholds, rates, interval, heldOpen, denials);
  }

  private static ThresholdSpec threshold(ConfigNode t) {
    String metric = t.string("metric");
    boolean high = t.has("above");
    if (high == t.has("below")) {
      t.problem(null, "give exactly one of 'above' or 'below'");
    }
    double trigger = t.number(high ? "above" : "below", Double.NaN, -1e12, 1e12);
    String clearKey = high ? "clear_below" : "clear_above";
    double clear = t.number(clearKey, trigger, -1e12, 1e12);
    Duration debounce = t.duration("debounce", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    String typeName = t.string("type", "THRESHOLD");
    AlarmType type = null;
    try {
      type = AlarmType.valueOf(typeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      t.problem("type", "unknown alarm type '" + typeName + "' (e.g. THRESHOLD, WATER_LEVEL, SMOKE)");
    }
    int priority = (int) t.integer("priority", 3, 1, 4);
    int category = category(t);
    String unit = unit(t);
    t.rejectUnknownKeys();
    if (Double.isNaN(trigger) || type == null || metric.isEmpty()) {
      return null;
    }
    if (high ? clear > trigger : clear < trigger) {
      t.problem(clearKey, "must be on the safe side of the trigger level " + trigger
          + " (hysteresis), was " + clear);
      return null;
    }
    return new ThresholdSpec(metric, high, trigger, clear, debounce, type, priority, category,
        unit);
  }

  /** The unit the levels are in; empty = compare readings of any unit as they are. */
  private static String unit(ConfigNode node) {
    String unit = node.string("unit", "");
    if (!unit.isEmpty() && !RuleUnits.KNOWN.contains(unit)) {
      node.problem("unit", "unknown unit '" + unit + "', known: " + RuleUnits.KNOWN
          + " (or leave it out to compare readings as they come)");
      return "";
    }
    return unit;
  }

  private static int category(ConfigNode node) {
    int category = (int) node.integer("category", 0, 0, 9999);
    if (!AlarmSpec.CATEGORIES.contains(category)) {
      node.problem("category", "must be 0 (device fault) or a DOMAIN.md code 9101-9105, "
          + "9201-9206, was " + category);
      return 0;
    }
    return category;
  }
}
