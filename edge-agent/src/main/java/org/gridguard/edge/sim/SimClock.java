package org.gridguard.edge.sim;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Simulated time of day: starts at {@code start} and runs {@code 24h / dayLength} times as fast
 * as real time (a 10-minute day for demos; a 24-hour day is real time).
 */
record SimClock(LocalTime start, Duration dayLength) {
  private static final long DAY_SECONDS = 86_400;

  SimClock {
    if (dayLength.isZero() || dayLength.isNegative()) {
      throw new IllegalArgumentException("day length must be positive, was " + dayLength);
    }
  }

  /** Simulated second of the day after {@code elapsedMs} of real time. */
  long secondOfDay(long elapsedMs) {
    double speed = (double) DAY_SECONDS * 1000 / dayLength.toMillis();
    long simSeconds = (long) Math.floor(elapsedMs / 1000.0 * speed);
    return Math.floorMod(start.toSecondOfDay() + simSeconds, DAY_SECONDS);
  }

  int hour(long elapsedMs) {
    return (int) (secondOfDay(elapsedMs) / 3600);
  }

  LocalTime timeOfDay(long elapsedMs) {
    return LocalTime.ofSecondOfDay(secondOfDay(elapsedMs));
  }
}
