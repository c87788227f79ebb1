package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Typed reads of payload values, each failing with a "where: what" message. */
final class Extract {
  private static final long MIN_TIME_MS = 946_684_800_000L; // 2000-01-01
  private static final long MAX_TIME_MS = 4_102_444_800_000L; // 2100-01-01

  private Extract() {}

  static String text(JsonNode node, String where, int maxLength) throws MappingException {
    if (node == null) {
      throw new MappingException(where, "is required but missing");
    }
    if (!node.isValueNode()) {
      throw new MappingException(where, "expected a text or number, found " + describe(node));
    }
    String text = node.asText();
    if (text.isEmpty()) {
      throw new MappingException(where, "must not be empty");
    }
    if (text.length() > maxLength) {
      throw new MappingException(where, "longer than " + maxLength + " characters");
    }
    return text;
  }

  static double number(JsonNode node, String where) throws MappingException {
    if (node.isNumber()) {
      double v = node.doubleValue();
      if (Double.isFinite(v)) {
        return v;
      }
    } else if (node.isTextual()) {
      try {
        double v = Double.parseDouble(node.textValue().trim());
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new MappingException(where, "expected a number, found " + describe(node));
  }

  static long integer(JsonNode node, String where) throws MappingException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.textValue().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new MappingException(where, "expected a whole number, found " + describe(node));
  }

  static boolean flag(JsonNode node, String where) throws MappingException {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && (node.longValue() == 0 || node.longValue() == 1)) {
      return node.longValue() == 1;
    }
    if (node.isTextual()) {
      switch (node.textValue().trim().toLowerCase()) {
        case "true", "1", "on", "yes" -> {
          return true;
        }
        case "false", "0", "off", "no" -> {
          return false;
        }
        default -> { }
      }
    }
    throw new MappingException(where, "expected true/false (or 1/0), found " + describe(node));
  }

  /**
   * Epoch milliseconds of a timestamp value, or -1 when it is readable but outside 2000–2100
   * (a device with a reset clock: the caller falls back to the receive time).
   */
  static long time(JsonNode node, TimestampSpec spec, String where) throws MappingException {
    long ms;
    try {
      ms = switch (spec.format()) {
        case EPOCH_S -> Math.round(number(node, where) * 1000);
        case EPOCH_MS -> Math.round(number(node, where));
        case ISO8601 -> iso(node, spec, where);
        case PATTERN -> LocalDateTime.parse(text(node, where, 64), spec.pattern())
            .atZone(spec.zone()).toInstant().toEpochMilli();
        case AUTO -> auto(node, spec, where);
      };
    } catch (DateTimeParseException e) {
      throw new MappingException(where, "expected a " + spec.format().name().toLowerCase()
          + " timestamp, found " + describe(node));
    }
    return ms < MIN_TIME_MS || ms > MAX_TIME_MS ? -1 : ms;
  }

  private static long auto(JsonNode node, TimestampSpec spec, String where)
      throws MappingException {
    if (node.isNumber() || node.isTextual() && node.textValue().trim().matches("\\d+(\\.\\d+)?")) {
      double v = number(node, where);
      return Math.round(v > 100_000_000_000d ? v : v * 1000);
    }
    return iso(node, spec, where);
  }

  private static long iso(JsonNode node, TimestampSpec spec, String where)
      throws MappingException {
    String text = text(node, where, 64);
    if (text.length() > 10 && text.charAt(10) == ' ') {
      // RFC 3339 §5.6 allows a space instead of the T ("2025-11-21 13:00:00+08:00")
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException e2) {
        return LocalDateTime.parse(text).atZone(spec.zone()).toInstant().toEpochMilli();
      }
    }
  }

  /** A text or boolean state through a value map ({@code {"alarm": 1, "normal": 0}}). */
  static double mapped(JsonNode node, java.util.Map<String, Double> values, String where)
      throws MappingException {
    if (!node.isValueNode()) {
      throw new MappingException(where, "expected a state value, found " + describe(node));
    }
    Double v = values.get(node.asText());
    if (v == null) {
      throw new MappingException(where, "value " + describe(node) + " is not in the value map"
          + " (known: " + String.join(", ", new java.util.TreeSet<>(values.keySet())) + ")");
    }
    return v;
  }

  /** max, min or first of a {@code [*]} path's matches (an array node), as numbers. */
  static double aggregate(JsonNode matches, ReadingSpec.Aggregate how, String where)
      throws MappingException {
    if (!matches.isArray() || matches.isEmpty()) {
      throw new MappingException(where, "expected values for " + how.name().toLowerCase()
          + ", found " + describe(matches));
    }
    double out = Double.NaN;
    for (int i = 0; i < matches.size(); i++) {
      double v = number(matches.get(i), where + " (match " + i + ")");
      if (how == ReadingSpec.Aggregate.FIRST) {
        return v;
      }
      out = Double.isNaN(out) ? v : how == ReadingSpec.Aggregate.MAX ? Math.max(out, v)
          : Math.min(out, v);
    }
    return out;
  }

  static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
