package org.gridguard.hub.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The clock of one timed step (or of the whole case): how much time of its kind it is allowed
 * (with extensions), when it runs out, and when 80 % is used. While suspended the deadline is
 * absent and the time left is kept instead, so a suspension stops the clock.
 *
 * @param limit time of {@code kind} allowed, extensions included
 * @param deadline null while suspended
 * @param yellowAt when 80 % of {@code limit} is used; null while suspended
 * @param remaining while suspended, the time of {@code kind} that was left (negative if overdue)
 */
public record StepClock(Step step, LimitKind kind, Duration limit, Instant deadline, Instant yellowAt,
    Duration remaining) {
  /** The colour of a step (DOMAIN.md): green below 80 % of its limit, yellow from 80 %, red from 100 %. */
  public enum Colour { GREEN, YELLOW, RED }

  public StepClock {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(limit, "limit");
    if ((deadline == null) == (remaining == null)) {
      throw new IllegalArgumentException("a step clock runs (deadline) or is stopped (remaining)");
    }
  }

  /** A clock started at {@code now} with the whole of {@code limit} ahead. */
  static StepClock start(WorkingTime time, Step step, LimitKind kind, Duration limit,
      Instant now) {
    return running(time, step, kind, limit, limit, now);
  }

  /** A running clock with {@code left} of {@code limit} ahead from {@code now} (may be negative). */
  static StepClock running(WorkingTime time, Step step, LimitKind kind, Duration limit,
      Duration left, Instant now) {
    Duration untilYellow = left.minus(limit.dividedBy(5));
    Instant deadline = left.isNegative() ? now : time.plus(now, kind, left);
    Instant yellow = untilYellow.isNegative() ? now : time.plus(now, kind, untilYellow);
    return new StepClock(step, kind, limit, deadline, yellow, null);
  }

  boolean suspended() {
    return deadline == null;
  }

  /** Stopped at {@code now}: the time left is kept. */
  StepClock suspend(WorkingTime time, Instant now) {
    if (suspended()) {
      return this;
    }
    return new StepClock(step, kind, limit, null, null, time.between(now, deadline, kind));
  }

  /** Running again from {@code now} with the time that was left. */
  StepClock resume(WorkingTime time, Instant now) {
    if (!suspended()) {
      return this;
    }
    return running(time, step, kind, limit, remaining, now);
  }

  /** {@code extra} time of this clock's kind more, from {@code now}. */
  StepClock extend(WorkingTime time, Instant now, Duration extra) {
    Duration longer = limit.plus(extra);
    if (suspended()) {
      return new StepClock(step, kind, longer, null, null, remaining.plus(extra));
    }
    Duration left = time.between(now, deadline, kind);
    return running(time, step, kind, longer, (left.isNegative() ? Duration.ZERO : left).plus(extra),
        now);
  }

  /** The colour at {@code now}; a suspended clock keeps the colour it had. */
  Colour colour(WorkingTime time, Instant now) {
    Duration left = suspended() ? remaining : time.between(now, deadline, kind);
    if (left.isNegative() || left.isZero()) {
      return Colour.RED;
    }
    // used ≥ 80 % ⇔ left ≤ 20 %
    return left.multipliedBy(5).compareTo(limit) <= 0 ? Colour.YELLOW : Colour.GREEN;
  }

  /** The share of the limit used at {@code now}, 0–∞ (1.0 = the deadline). */
  double used(WorkingTime time, Instant now) {
    if (limit.isZero()) {
      return 1.0;
    }
    Duration left = suspended() ? remaining : time.between(now, deadline, kind);
    return 1.0 - (double) left.toMillis() / limit.toMillis();
  }
}
