package org.gridguard.edge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final Metrics metrics = new Metrics();

  @Test
  void counter_sameName_sameCounterInRegistryUnderPrefix() {
    metrics.counter("spool.appends").increment();
    metrics.counter("spool.appends").add(2);

    assertThat(metrics.counterValue("spool.appends")).isEqualTo(3);
    assertThat(metrics.registry().get("gridguard.edge.spool.appends").counter().count())
        .isEqualTo(3);
    assertThat(metrics.snapshot()).containsEntry("spool.appends", "3");
  }

  @Test
  void gauge_registeredTwice_lastSupplierWins() {
    metrics.gauge("uplink.credit", () -> 1);
    metrics.gauge("uplink.credit", () -> 7);

    assertThat(metrics.gaugeValue("uplink.credit")).isEqualTo(7);
    assertThat(metrics.registry().get("gridguard.edge.uplink.credit").gauge().value())
        .isEqualTo(7);
  }

  @Test
  void timer_recorded_summaryHasCountAndPercentiles() {
    Timer t = metrics.timer("spool.fsync");
    for (int i = 1; i <= 100; i++) {
      t.record(i, TimeUnit.MILLISECONDS);
    }

    assertThat(Metrics.percentileMicros(t, 0.5)).isBetween(45_000L, 55_000L);
    assertThat(Metrics.percentileMicros(t, 0.99)).isBetween(95_000L, 105_000L);
    assertThat(metrics.snapshot().get("spool.fsync")).startsWith("count=100 mean_us=")
        .contains("p99_us<=");
  }

  @Test
  void percentileMicros_quantileNotPublished_throwsNamingIt() {
    Timer t = metrics.timer("spool.fsync");
    assertThatThrownBy(() -> Metrics.percentileMicros(t, 0.75))
        .hasMessageContaining("gridguard.edge.spool.fsync").hasMessageContaining("0.75");
  }

  @Test
  void prometheusText_counter_hasPrefixedName() {
    metrics.counter("uplink.acks").increment();
    assertThat(metrics.prometheusText()).contains("gridguard_edge_uplink_acks_total 1.0");
  }
}
