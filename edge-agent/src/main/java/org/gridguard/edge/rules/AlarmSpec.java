package org.gridguard.edge.rules;

import java.util.Set;

/** Checks of priority (GB/T 28181: 1 highest … 4) and category (DOMAIN.md codes, 0 = device fault). */
final class AlarmSpec {
  static final Set<Integer> CATEGORIES = Set.of(0, 9101, 9102, 9103, 9104, 9105, 9201, 9202,
      9203, 9204, 9205, 9206);

  private AlarmSpec() {}

  static void check(int priority, int category) {
    if (priority < 1 || priority > 4) {
      throw new IllegalArgumentException("priority must be 1-4, was " + priority);
    }
    if (!CATEGORIES.contains(category)) {
      throw new IllegalArgumentException("category must be 0 or one of 9101-9105, 9201-9206, was "
          + category);
    }
  }
}
