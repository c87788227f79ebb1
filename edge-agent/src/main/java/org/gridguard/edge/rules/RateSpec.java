package org.gridguard.edge.rules;

import java.util.Objects;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Rate-of-change alarm: BEGIN when a metric rises (or falls, for negative limits) faster than
 * {@code perMinute} between two samples; END once the rate is back under half the limit.
 * {@code unit} (empty = any): the unit of the metric the limit is in, per minute.
 */
record RateSpec(String metric, double perMinute, int priority, int category, String unit) {
  RateSpec(String metric, double perMinute, int priority, int category) {
    this(metric, perMinute, priority, category, "");
  }

  RateSpec {
    Objects.requireNonNull(metric);
    Objects.requireNonNull(unit);
    if (perMinute == 0 || !Double.isFinite(perMinute)) {
      throw new IllegalArgumentException("rate limit must be a non-zero number");
    }
    AlarmSpec.check(priority, category);
  }

  boolean exceeded(double rate) {
    return perMinute > 0 ? rate > perMinute : rate < perMinute;
  }

  boolean calm(double rate) {
    return perMinute > 0 ? rate < perMinute / 2 : rate > perMinute / 2;
  }

  AlarmType type() {
    return AlarmType.RATE_OF_CHANGE;
  }
}
