package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gridguard.protocol.v1.Reading;

/**
 * Reads a payload's list of {metric, value, unit} objects (canonical format). The list itself
 * must be an array within the size limit; an unusable item is left out (named in
 * {@link DroppedFields}) and the others kept.
 */
final class ReadingLists {
  private ReadingLists() {}

  static void read(ReadingListSpec spec, JsonNode root, List<Reading> out,
      DroppedFields dropped) throws MappingException {
    JsonNode list = spec.list().select(root);
    if (list == null) {
      return;
    }
    String where = spec.list().text();
    if (!list.isArray()) {
      throw new MappingException(where, "expected an array of readings, found "
          + Extract.describe(list));
    }
    if (list.size() > spec.maxReadings()) {
      throw new MappingException(where, list.size() + " readings, over the limit of "
          + spec.maxReadings());
    }
    for (int i = 0; i < list.size(); i++) {
      try {
        out.add(item(spec, list.get(i), where + "[" + i + "]"));
      } catch (MappingException e) {
        dropped.add("reading list item", e.getMessage());
      }
    }
  }

  private static Reading item(ReadingListSpec spec, JsonNode item, String at)
      throws MappingException {
    if (!item.isObject()) {
      throw new MappingException(at, "expected an object, found " + Extract.describe(item));
    }
    String metric = Extract.text(item.get(spec.metricField()), at + "." + spec.metricField(), 63);
    if (!metric.matches("[a-z][a-z0-9_]*")) {
      throw new MappingException(at + "." + spec.metricField(), "metric '" + metric
          + "' must be snake_case");
    }
    JsonNode value = item.get(spec.valueField());
    String valueAt = at + "." + spec.valueField();
    Reading.Builder b = Reading.newBuilder().setMetric(metric);
    if (value == null || value.isNull()) {
      throw new MappingException(valueAt, "is required but missing");
    } else if (value.isBoolean()) {
      b.setFlag(value.booleanValue());
    } else if (value.isIntegralNumber() && value.canConvertToLong()) {
      b.setInteger(value.longValue());
    } else if (value.isNumber()) {
      b.setNumber(Extract.number(value, valueAt));
    } else if (value.isTextual()) {
      b.setText(Extract.text(value, valueAt, 256));
    } else {
      throw new MappingException(valueAt, "expected a number, flag or text, found "
          + Extract.describe(value));
    }
    JsonNode unit = item.get(spec.unitField());
    if (unit != null && !unit.isNull()) {
      b.setUnit(Extract.text(unit, at + "." + spec.unitField(), 16));
    }
    return b.build();
  }
}
