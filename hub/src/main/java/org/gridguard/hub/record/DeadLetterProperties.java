package org.gridguard.hub.record;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.dead-letters.*}: how long the dead letters of both paths
 * ({@code ingest_dead_letter}: PRIORITY records and evidence chunks; {@code telemetry_dead_letter}:
 * lines InfluxDB refused) are kept.
 *
 * @param retention rows older than this are deleted
 * @param purgeInterval how often
 */
@Validated
@ConfigurationProperties("gridguard.dead-letters")
public record DeadLetterProperties(
    @DefaultValue("30d") @NotNull Duration retention,
    @DefaultValue("1h") @NotNull Duration purgeInterval) {
  public DeadLetterProperties {
    positive("retention", retention);
    positive("purge-interval", purgeInterval);
  }

  private static void positive(String key, Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("gridguard.dead-letters." + key + " must be positive, "
          + "was " + d);
    }
  }
}
