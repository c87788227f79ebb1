package org.gridguard.hub.telemetry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.telemetry.units.*}: how the units of telemetry series reach
 * {@code telemetry_unit}.
 *
 * @param flushInterval how often changed units are written (one statement per changed series)
 * @param cacheSize series whose stored unit this instance remembers, so an unchanged unit costs
 *     one map lookup and no database work; beyond, remembered series are forgotten at random
 *     (a forgotten one costs one UPDATE that changes nothing when it is heard next)
 * @param maxPending changed units waiting for the next write; beyond, further changes are
 *     dropped until then (counted in {@code gridguard_telemetry_units_dropped_total}) and
 *     picked up again the next time the series is heard
 */
@Validated
@ConfigurationProperties("gridguard.telemetry.units")
public record TelemetryUnitsProperties(
    @DefaultValue("2s") @NotNull Duration flushInterval,
    @DefaultValue("200000") @Min(100) @Max(10_000_000) int cacheSize,
    @DefaultValue("10000") @Min(10) @Max(1_000_000) int maxPending) {
  public TelemetryUnitsProperties {
    if (flushInterval != null && (flushInterval.compareTo(Duration.ofMillis(100)) < 0
        || flushInterval.compareTo(Duration.ofMinutes(10)) > 0)) {
      throw new IllegalArgumentException("gridguard.telemetry.units.flush-interval must be "
          + "between 100ms and 10m, was " + flushInterval);
    }
  }
}
