package org.gridguard.edge.mapping;

import java.util.Objects;

/** One named reading to extract from a payload. */
record ReadingSpec(String metric, ValueSource source, ValueKind kind, String unit,
    Conversion conversion, boolean optional) {

  enum ValueKind { NUMBER, INTEGER, FLAG, TEXT }

  ReadingSpec {
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
