package org.gridguard.hub.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.records.*}: how long the PRIORITY records as received ({@code uplink_record})
 * are kept. What the hub derives from them — alarms, their history, incidents — lives in its own
 * tables under its own retention; the raw records (door events name card holders) are kept only
 * as long as needed (PIPL art. 19).
 *
 * @param retention records received longer ago than this are deleted
 * @param purgeInterval how often
 * @param chunk rows per DELETE statement and transaction
 * @param maxPerRun rows per run at most; a run that reaches it has the next one due in a minute
 */
@Validated
@ConfigurationProperties("gridguard.records")
public record RecordRetentionProperties(
    @DefaultValue("30d") @NotNull Duration retention,
    @DefaultValue("1h") @NotNull Duration purgeInterval,
    @DefaultValue("5000") @Min(1) @Max(100_000) int chunk,
    @DefaultValue("500000") @Min(1) int maxPerRun) {
  public RecordRetentionProperties {
    if (retention != null && retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("gridguard.records.retention must be at least 1d, was "
          + retention);
    }
    if (purgeInterval != null && (purgeInterval.isNegative() || purgeInterval.isZero())) {
      throw new IllegalArgumentException("gridguard.records.purge-interval must be positive, was "
          + purgeInterval);
    }
  }
}
