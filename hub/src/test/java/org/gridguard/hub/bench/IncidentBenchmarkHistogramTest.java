package org.gridguard.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IncidentBenchmarkHistogramTest {

  /** 100 samples: 50 in (0, 0.1], 40 in (0.1, 0.2], 10 in (0.2, 0.4]. */
  private static NavigableMap<Double, Double> hundred() {
    NavigableMap<Double, Double> h = new TreeMap<>();
    h.put(0.1, 50.0);
    h.put(0.2, 90.0);
    h.put(0.4, 100.0);
    h.put(Double.POSITIVE_INFINITY, 100.0);
    return h;
  }

  @Test
  void quantile_insideABucket_isInterpolatedLinearly() {
    assertThat(IncidentBenchmark.quantile(hundred(), 0.5)).isCloseTo(0.1, within(1e-9));
    assertThat(IncidentBenchmark.quantile(hundred(), 0.7)).isCloseTo(0.15, within(1e-9));
    assertThat(IncidentBenchmark.quantile(hundred(), 0.99)).isCloseTo(0.38, within(1e-9));
  }

  @Test
  void within_aBound_countsTheSamplesAtOrBelowIt() {
    assertThat(IncidentBenchmark.within(hundred(), 0.1)).isCloseTo(0.5, within(1e-9));
    assertThat(IncidentBenchmark.within(hundred(), 0.15)).isCloseTo(0.7, within(1e-9));
    assertThat(IncidentBenchmark.within(hundred(), 1.0)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void minus_anEarlierSnapshot_leavesOnlyTheSamplesSinceThen() {
    NavigableMap<Double, Double> before = new TreeMap<>();
    before.put(0.1, 40.0);
    before.put(0.2, 40.0);
    before.put(0.4, 40.0);
    before.put(Double.POSITIVE_INFINITY, 40.0);
    NavigableMap<Double, Double> since = IncidentBenchmark.minus(hundred(), before);
    assertThat(since.lastEntry().getValue()).isEqualTo(60.0);
    // the 40 earlier samples were all fast: of the 60 since, 10 are within 0.1 s
    assertThat(IncidentBenchmark.within(since, 0.1)).isCloseTo(10 / 60.0, within(1e-9));
  }

  @Test
  void quantile_noSamples_isZero() {
    assertThat(IncidentBenchmark.quantile(new TreeMap<>(), 0.99)).isZero();
  }
}
