package org.gridguard.edge.rules;

import java.time.Duration;
import java.util.Objects;
import org.gridguard.protocol.v1.AlarmType;

/**
 * A level alarm on one metric with hysteresis: BEGIN once the value has been beyond
 * {@code trigger} for {@code debounce} (every sample in between beyond it too; the rules tick
 * fires it when the time is up even if no new sample came — the last sample stands for the
 * state until the next one, so a sparse reporter is covered), END once it is
 * back beyond {@code clear} on the safe side. {@code high} = true alarms above trigger
 * (water level), false below (battery). {@code unit} (empty = any) is the unit the levels are
 * in: readings in another unit are converted ({@link RuleUnits}) or refused.
 */
record ThresholdSpec(String metric, boolean high, double trigger, double clear, Duration debounce,
    AlarmType type, int priority, int category, String unit) {

  /** A unit-blind threshold (compares every reading of the metric as it is). */
  ThresholdSpec(String metric, boolean high, double trigger, double clear, Duration debounce,
      AlarmType type, int priority, int category) {
    this(metric, high, trigger, clear, debounce, type, priority, category, "");
  }

  ThresholdSpec {
    Objects.requireNonNull(metric);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(debounce);
    Objects.requireNonNull(type);
    if (high ? clear > trigger : clear < trigger) {
      throw new IllegalArgumentException("clear level must be on the safe side of the trigger");
    }
    AlarmSpec.check(priority, category);
  }

  boolean triggered(double v) {
    return high ? v > trigger : v < trigger;
  }

  boolean cleared(double v) {
    return high ? v < clear : v > clear;
  }

  String ruleName() {
    return "threshold:" + metric;
  }
}
