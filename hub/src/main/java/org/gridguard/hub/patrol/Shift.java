package org.gridguard.hub.patrol;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * One weekly shift of a member: starts on {@code day} at {@code start} (wall-clock, deployment
 * zone) and ends at {@code end}, the next day if {@code end} is not after {@code start} (20:00 to
 * 08:00 is a night shift; 08:00 to 08:00 is 24 hours). Stored as the minute of the week it starts
 * and its length in minutes.
 */
record Shift(String username, DayOfWeek day, LocalTime start, LocalTime end) {
  static final int MINUTES_PER_WEEK = 7 * 24 * 60;

  Shift {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0
        || end.getNano() != 0) {
      throw new IllegalArgumentException("start, end: whole minutes (HH:mm), were " + start
          + " and " + end);
    }
  }

  /** Minute of the week the shift starts, 0 = Monday 00:00. */
  int startMinute() {
    return (day.getValue() - 1) * 24 * 60 + start.getHour() * 60 + start.getMinute();
  }

  /** Length in wall-clock minutes, 1–1440. */
  int minutes() {
    int s = start.getHour() * 60 + start.getMinute();
    int e = end.getHour() * 60 + end.getMinute();
    int m = Math.floorMod(e - s, 24 * 60);
    return m == 0 ? 24 * 60 : m;
  }

  static Shift of(String username, int startMinute, int minutes) {
    DayOfWeek day = DayOfWeek.of(startMinute / (24 * 60) + 1);
    int inDay = startMinute % (24 * 60);
    LocalTime start = LocalTime.of(inDay / 60, inDay % 60);
    return new Shift(username, day, start, start.plusMinutes(minutes));
  }

  /** Minute of the week of {@code at} on the wall clock of {@code zone}. */
  static int minuteOfWeek(Instant at, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(at, zone);
    return (local.getDayOfWeek().getValue() - 1) * 24 * 60 + local.getHour() * 60
        + local.getMinute();
  }

  /** Whether this shift covers {@code at} (the same rule as the on-duty SQL). */
  boolean covers(Instant at, ZoneId zone) {
    return Math.floorMod(minuteOfWeek(at, zone) - startMinute(), MINUTES_PER_WEEK) < minutes();
  }

  /** Parses a day name (MONDAY, mon, 1–7). */
  static DayOfWeek parseDay(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + ": required (MONDAY … SUNDAY)");
    }
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (t.matches("[1-7]")) {
      return DayOfWeek.of(Integer.parseInt(t));
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(t) || d.name().substring(0, 3).equals(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException(field + ": a day of the week (MONDAY … SUNDAY or 1–7), "
        + "was '" + text + "'");
  }

  /** Parses HH:mm. */
  static LocalTime parseTime(String field, String text) {
    if (text == null || !text.strip().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
      throw new IllegalArgumentException(field + ": a time HH:mm (00:00–23:59), was '" + text
          + "'");
    }
    return LocalTime.parse(text.strip());
  }
}
