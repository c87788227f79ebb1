package org.gridguard.hub.incident;

import java.util.Objects;

/**
 * The time allowed for one step of incidents of a category and priority.
 *
 * @param category a category code, or {@code *} for every category without its own row
 * @param amount hours (URGENT_HOURS, WORKING_HOURS) or days (WORKING_DAYS), more than 0
 */
record TimeLimit(String category, int priority, Step step, LimitKind kind, double amount) {
  static final String ANY = "*";

  TimeLimit {
    if (category == null || !(ANY.equals(category) || category.matches("[0-9]{4}"))) {
      throw new IllegalArgumentException("time limit category '" + category
          + "': a four-digit category code or *");
    }
    if (priority < 1 || priority > 4) {
      throw new IllegalArgumentException("time limit priority must be 1-4, was " + priority);
    }
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(kind, "kind");
    if (!(amount > 0) || amount > 999_999 || Double.isNaN(amount)) {
      throw new IllegalArgumentException("time limit " + category + "/P" + priority + "/" + step
          + ": amount must be more than 0 (and below 1,000,000), was " + amount);
    }
  }
}
