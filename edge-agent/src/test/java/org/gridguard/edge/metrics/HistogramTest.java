package org.gridguard.edge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void percentile_uniformMilliseconds_withinTwelvePercentAndNeverBelow() {
    Histogram h = new Histogram();
    for (int ms = 1; ms <= 100; ms++) {
      h.recordNanos(ms * 1_000_000L);
    }
    long p99 = h.percentileMicros(0.99);
    assertThat(p99).isBetween(99_000L, (long) (99_000 * 1.125));
    long p50 = h.percentileMicros(0.5);
    assertThat(p50).isBetween(50_000L, (long) (50_000 * 1.125));
  }

  @Test
  void percentile_empty_isZero() {
    assertThat(new Histogram().percentileMicros(0.99)).isZero();
  }

  @Test
  void index_everyValue_fallsInABucketWhoseUpperBoundCoversIt() {
    for (long v = 0; v < 5_000_000; v = v * 3 / 2 + 1) {
      int i = Histogram.index(v);
      assertThat(Histogram.upperBound(i)).isGreaterThanOrEqualTo(v);
      if (i > 0) {
        assertThat(Histogram.upperBound(i - 1)).isLessThan(v);
      }
    }
  }
}
