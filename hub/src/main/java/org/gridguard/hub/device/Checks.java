package org.gridguard.hub.device;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field checks shared by the device records; each failure names its field. */
final class Checks {
  /** The edge agent's duration syntax: 250ms, 5s, 10m, 2h, 7d. */
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");
  static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Checks() {}

  static String cut(String text) {
    return text == null ? "null" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }

  static String optionalText(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw new InvalidDeviceException(field, "must be at most " + max + " characters, was "
          + v.length());
    }
    if (v.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new InvalidDeviceException(field, "must not contain control characters");
    }
    return v;
  }

  static String requiredText(String value, String field, int max) {
    String v = optionalText(value, field, max);
    if (v == null) {
      throw new InvalidDeviceException(field, "is required");
    }
    return v;
  }

  /** A duration in the edge's syntax between {@code min} and {@code max}; null stays null. */
  static String duration(String value, String field, Duration min, Duration max) {
    if (value == null) {
      return null;
    }
    Duration d = parseDuration(value, field);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new InvalidDeviceException(field, "must be between " + min + " and " + max
          + ", was " + value);
    }
    return value;
  }

  static Duration parseDuration(String value, String field) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new InvalidDeviceException(field,
          "must be a duration like 250ms, 5s, 10m, 2h or 7d, was '" + cut(value) + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  static Double range(Double value, String field, double min, double max) {
    if (value == null) {
      return null;
    }
    if (value.isNaN() || value < min || value > max) {
      throw new InvalidDeviceException(field, "must be between " + min + " and " + max
          + ", was " + value);
    }
    return value;
  }

  static Integer range(Integer value, String field, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidDeviceException(field, "must be between " + min + " and " + max
          + ", was " + value);
    }
    return value;
  }
}
