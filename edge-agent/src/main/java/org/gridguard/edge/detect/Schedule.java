package org.gridguard.edge.detect;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A daily time window such as {@code 22:00-06:00} (may cross midnight); {@link #ALWAYS} when a
 * zone has no schedule. The start is inclusive, the end exclusive.
 */
public record Schedule(LocalTime start, LocalTime end) {
  public static final Schedule ALWAYS = new Schedule(LocalTime.MIN, LocalTime.MIN);

  public Schedule {
    if (start == null || end == null) {
      throw new IllegalArgumentException("schedule needs a start and an end");
    }
  }

  /** Parses {@code HH:mm-HH:mm}; throws IllegalArgumentException with what was wrong. */
  public static Schedule parse(String text) {
    String[] parts = text.trim().split("\\s*-\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException("must look like 22:00-06:00, was '" + text + "'");
    }
    try {
      return new Schedule(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("must look like 22:00-06:00, was '" + text + "'");
    }
  }

  public boolean isActive(LocalTime time) {
    if (start.equals(end)) {
      return true;
    }
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }
}
