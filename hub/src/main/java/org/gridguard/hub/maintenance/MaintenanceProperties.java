package org.gridguard.hub.maintenance;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.maintenance.*}: maintenance orders.
 *
 * @param openAfter how long a gateway or device must have been OFFLINE or DEGRADED before an
 *     order opens (a camera covered for a minute is no job for a technician); an outage of
 *     several devices ({@code alarm_outage}) opens its gateway's order at once
 * @param sweepInterval how often orders are opened and closed from the current health
 */
@Validated
@ConfigurationProperties("gridguard.maintenance")
public record MaintenanceProperties(
    @DefaultValue("10m") @NotNull Duration openAfter,
    @DefaultValue("1m") @NotNull Duration sweepInterval) {
  public MaintenanceProperties {
    if (openAfter != null && openAfter.isNegative()) {
      throw new IllegalArgumentException("gridguard.maintenance.open-after must not be negative");
    }
    if (sweepInterval != null && sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "gridguard.maintenance.sweep-interval must be at least 1s, was " + sweepInterval);
    }
  }
}
