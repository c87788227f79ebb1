package org.gridguard.edge.mapping;

import java.util.Objects;

/**
 * One named reading to extract from a payload. {@code values} (empty = none) maps a text or
 * boolean state to a number ({@code {"alarm": 1, "normal": 0}}) so it can be charted and
 * thresholded; {@code aggregate} reduces a {@code [*]} path's matches to one value.
 */
record ReadingSpec(String metric, ValueSource source, ValueKind kind, String unit,
    Conversion conversion, boolean optional, java.util.Map<String, Double> values,
    Aggregate aggregate) {

  enum ValueKind { NUMBER, INTEGER, FLAG, TEXT }

  enum Aggregate { NONE, MAX, MIN, FIRST }

  ReadingSpec(String metric, ValueSource source, ValueKind kind, String unit,
      Conversion conversion, boolean optional) {
    this(metric, source, kind, unit, conversion, optional, java.util.Map.of(), Aggregate.NONE);
  }

  ReadingSpec {
    values = java.util.Map.copyOf(values);
    Objects.requireNonNull(aggregate);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(source);
    Objects.requireNonNull(kind);
    unit = unit == null ? "" : unit;
    Objects.requireNonNull(conversion);
    if (!metric.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("metric '" + metric + "' must be snake_case (a-z, 0-9, _)");
    }
  }
}
