package org.gridguard.hub.device;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.device-health.*}: the health sweep.
 *
 * @param sweepInterval how often every hub instance re-derives health (each transition is
 *     recorded once across instances)
 * @param offlineFactor a device with an expected reporting interval is OFFLINE after this many
 *     intervals of silence (one missed report is not enough)
 * @param gatewayOfflineAfter a gateway is OFFLINE this long after its session closed or it was
 *     last heard; keep it well above {@code gridguard.gateway.activity.flush-interval} plus the
 *     heartbeat interval, so a reconnect within it does not flap
 * @param sweepBatch gateways read per query of a sweep
 * @param retention health transitions and closed maintenance orders older than this are
 *     deleted (open orders never)
 * @param retentionInterval how often that retention runs
 * @param retentionChunk ids deleted per statement (and per transaction)
 * @param retentionMaxPerRun at most this many rows of each table per run; the next run continues
 */
@Validated
@ConfigurationProperties("gridguard.device-health")
public record DeviceHealthProperties(
    @DefaultValue("30s") @NotNull Duration sweepInterval,
    @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("100.0") double offlineFactor,
    @DefaultValue("2m") @NotNull Duration gatewayOfflineAfter,
    @DefaultValue("500") @Min(1) @Max(10000) int sweepBatch,
    @DefaultValue("400d") @NotNull Duration retention,
    @DefaultValue("1h") @NotNull Duration retentionInterval,
    @DefaultValue("1000") @Min(1) @Max(10_000) int retentionChunk,
    @DefaultValue("50000") @Min(1) @Max(10_000_000) int retentionMaxPerRun) {
  public DeviceHealthProperties {
    if (retention != null && retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("gridguard.device-health.retention must be at least 1d, "
          + "was " + retention);
    }
    if (retentionInterval != null && retentionInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("gridguard.device-health.retention-interval must be at "
          + "least 1s, was " + retentionInterval);
    }
    if (sweepInterval != null && sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "gridguard.device-health.sweep-interval must be at least 1s, was " + sweepInterval);
    }
    if (gatewayOfflineAfter != null && gatewayOfflineAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("gridguard.device-health.gateway-offline-after must be "
          + "at least 1s, was " + gatewayOfflineAfter);
    }
  }
}
