package org.gridguard.hub.incident;

import java.time.LocalDate;
import java.util.Objects;

/** A date of the working calendar that differs from Monday–Friday, e.g. 国庆节 or a 调休 workday. */
record CalendarDay(LocalDate date, DayKind kind, String name) {
  static final int MAX_NAME = 64;

  CalendarDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
    if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException("name: at most " + MAX_NAME
          + " characters without control characters");
    }
    if (date.getYear() < 2000 || date.getYear() > 2200) {
      throw new IllegalArgumentException("date " + date + ": must be between 2000 and 2200");
    }
  }
}
