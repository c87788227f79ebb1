package org.gridguard.hub.health;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.health.*}: how the hub checks its own stores.
 *
 * @param dbProbeInterval how often the database write probe updates its row (every second
 *     while writes fail, so recovery shows at once)
 * @param dbProbeTimeout statement timeout of the probe's writes
 */
@Validated
@ConfigurationProperties("gridguard.health")
public record HealthProperties(
    @DefaultValue("5s") @NotNull Duration dbProbeInterval,
    @DefaultValue("5s") @NotNull Duration dbProbeTimeout) {
  public HealthProperties {
    if (dbProbeInterval != null && dbProbeInterval.toMillis() < 100) {
      throw new IllegalArgumentException("gridguard.health.db-probe-interval must be >= 100ms, was "
          + dbProbeInterval);
    }
    if (dbProbeTimeout != null && dbProbeTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("gridguard.health.db-probe-timeout must be >= 1s, was "
          + dbProbeTimeout);
    }
  }
}
