package org.gridguard.edge.detect;

/**
 * Turns a noisy per-frame condition into BEGIN/END transitions: the condition must hold for
 * {@code beginAfterMs} before BEGIN, and be gone for {@code endAfterMs} before END. Gaps in the
 * condition shorter than {@code gapToleranceMs} do not restart the wait (a key frame that
 * slightly differs inside a frozen segment).
 */
final class Debounce {
  enum Transition { NONE, BEGIN, END }

  private final long beginAfterMs;
  private final long endAfterMs;
  private final long gapToleranceMs;
  private long conditionSince = -1;
  private long lastTrue = -1;
  private long clearSince = -1;
  private boolean active;

  Debounce(long beginAfterMs, long endAfterMs, long gapToleranceMs) {
    this.beginAfterMs = beginAfterMs;
    this.endAfterMs = endAfterMs;
    this.gapToleranceMs = gapToleranceMs;
  }

  Transition update(boolean condition, long timeMs) {
    if (condition) {
      if (conditionSince < 0) {
        conditionSince = timeMs;
      }
      lastTrue = timeMs;
      clearSince = -1;
      if (!active && timeMs - conditionSince >= beginAfterMs) {
        active = true;
        return Transition.BEGIN;
      }
      return Transition.NONE;
    }
    if (!active) {
      if (conditionSince >= 0 && timeMs - lastTrue > gapToleranceMs) {
        conditionSince = -1;
      }
      return Transition.NONE;
    }
    if (clearSince < 0) {
      clearSince = timeMs;
    }
    if (timeMs - clearSince >= endAfterMs) {
      active = false;
      conditionSince = -1;
      clearSince = -1;
      return Transition.END;
    }
    return Transition.NONE;
  }

  boolean active() {
    return active;
  }

  /** The condition is currently being timed (pending) or active. */
  boolean engaged() {
    return active || conditionSince >= 0;
  }

  /** When the current (or pending) condition started, or -1. */
  long since() {
    return conditionSince;
  }
}
