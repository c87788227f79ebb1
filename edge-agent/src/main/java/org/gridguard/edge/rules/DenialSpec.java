package org.gridguard.edge.rules;

import java.time.Duration;
import java.util.Objects;

/** {@code count} denied swipes within {@code window} at one door make a REPEATED_DENIALS alarm. */
record DenialSpec(int count, Duration window) {
  DenialSpec {
    Objects.requireNonNull(window);
    if (count < 2 || count > 1000 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("denials: count 2-1000 within a positive window");
    }
  }
}
