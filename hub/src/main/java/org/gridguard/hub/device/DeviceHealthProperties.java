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
 */
@Validated
@ConfigurationProperties("gridguard.device-health")
public record DeviceHealthProperties(
    @DefaultValue("30s") @NotNull Duration sweepInterval,
    @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("100.0") double offlineFactor,
    @DefaultValue("2m") @NotNull Duration gatewayOfflineAfter,
    @DefaultValue("500") @Min(1) @Max(10000) int sweepBatch) {
  public DeviceHealthProperties {
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
