package org.gridguard.edge.detect;

/**
 * A per-camera reference value learnt from the scene: the plain mean over the first
 * {@code learnMs}, then an exponential moving average with time constant {@code adaptMs} so
 * slow changes (dusk, dawn, seasons) are followed while sudden ones stand out. Callers freeze
 * it ({@link #update} not called) while a condition is pending or active.
 */
final class Baseline {
  private final long learnMs;
  private final long adaptMs;
  private long firstMs = -1;
  private long lastMs = -1;
  private double sum;
  private int count;
  private double value = Double.NaN;

  Baseline(long learnMs, long adaptMs) {
    this.learnMs = learnMs;
    this.adaptMs = adaptMs;
  }

  void update(double sample, long timeMs) {
    if (firstMs < 0) {
      firstMs = timeMs;
    }
    if (!ready()) {
      sum += sample;
      count++;
      if (timeMs - firstMs >= learnMs) {
        value = sum / count;
      }
    } else {
      double dt = Math.max(0, timeMs - lastMs);
      double alpha = 1 - Math.exp(-dt / adaptMs);
      value += alpha * (sample - value);
    }
    lastMs = timeMs;
  }

  boolean ready() {
    return !Double.isNaN(value);
  }

  double value() {
    return value;
  }
}
