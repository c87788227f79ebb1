package org.gridguard.hub.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.gateway.activity.*}: how what ingest hears of gateways reaches the registry.
 *
 * @param flushInterval how often the collected facts are written: at most one UPDATE of a
 *     gateway's last-seen time (and one of each of its devices') per interval, whatever the frame
 *     rate; device health treats a gateway as gone only well after this (see
 *     {@code gridguard.device-health.gateway-offline-after})
 * @param maxEntries gateways plus devices remembered between two writes; beyond, further facts are
 *     dropped until the next write (counted in {@code gridguard_gateway_activity_dropped_total})
 */
@Validated
@ConfigurationProperties("gridguard.gateway.activity")
public record GatewayActivityProperties(
    @DefaultValue("15s") @NotNull Duration flushInterval,
    @DefaultValue("500000") @Min(100) @Max(10_000_000) int maxEntries) {
  public GatewayActivityProperties {
    if (flushInterval != null && (flushInterval.compareTo(Duration.ofMillis(100)) < 0
        || flushInterval.compareTo(Duration.ofMinutes(10)) > 0)) {
      throw new IllegalArgumentException("gridguard.gateway.activity.flush-interval must be "
          + "between 100ms and 10m, was " + flushInterval);
    }
  }
}
