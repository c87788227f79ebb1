package org.gridguard.edge.mapping;

import java.util.Objects;

/**
 * Readings given as a list in the payload ({@code "readings": [{"metric": "temperature",
 * "value": 21.5, "unit": "Cel"}]}), the canonical GridGuard format. Field names are relative
 * to each element.
 */
record ReadingListSpec(JsonPath list, String metricField, String valueField, String unitField,
    int maxReadings) {
  ReadingListSpec {
    Objects.requireNonNull(list);
    Objects.requireNonNull(metricField);
    Objects.requireNonNull(valueField);
    Objects.requireNonNull(unitField);
    if (maxReadings < 1) {
      throw new IllegalArgumentException("maxReadings must be ≥ 1");
    }
  }
}
