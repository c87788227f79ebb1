package org.gridguard.edge.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The config file's written forms of durations and sizes. */
final class Units {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB)?");

  private Units() {}

  /** {@code 250ms}, {@code 1.5s}, {@code 10m}, {@code 2h}, {@code 7d}; {@code null} if not one. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    double millis = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
      case "ms" -> 1L;
      case "s" -> 1_000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      default -> 86_400_000L;
    };
    return millis >= Long.MAX_VALUE ? null : Duration.ofMillis((long) millis);
  }

  /** {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 2GiB} in bytes; {@code null} if not one. */
  static Long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
      case "KiB" -> 1L << 10;
      case "MiB" -> 1L << 20;
      case "GiB" -> 1L << 30;
      default -> 1L;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
