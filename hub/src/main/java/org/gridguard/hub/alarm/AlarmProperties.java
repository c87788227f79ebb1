package org.gridguard.hub.alarm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.alarm.*}.
 *
 * @param stormPerDevice new alarms per minute one device may raise before further ones fold
 *     into its STORM summary alarm
 * @param stormPerGateway new alarms per minute one gateway (village) may raise before further
 *     ones fold into the gateway's STORM summary alarm
 * @param rulesFile a YAML file of correlation rules replacing the shipped
 *     {@code alarm-rules.yml}; empty for the shipped defaults
 * @param zone the local time zone of night windows in the rules
 * @param rateRetention how long per-minute storm counters are kept
 * @param maxIds at most this many evidence ids and edge alarm ids listed on an alarm row (all
 *     are in its history)
 * @param retention cleared alarms (with their history), rule hits and closed outages whose last
 *     activity is older than this are deleted; alarms of an incident that is not CLOSED or
 *     VOIDED are kept. Long enough for a year's false-alarm rates and evaluation.
 * @param retentionInterval how often the retention runs
 * @param retentionChunk ids deleted per statement (and per transaction)
 * @param retentionMaxPerRun at most this many rows of each table deleted per run; the next
 *     run continues, so one run never holds long locks
 */
@Validated
@ConfigurationProperties("gridguard.alarm")
public record AlarmProperties(
    @DefaultValue("20") @Min(1) @Max(1_000_000) int stormPerDevice,
    @DefaultValue("200") @Min(1) @Max(10_000_000) int stormPerGateway,
    @DefaultValue("") String rulesFile,
    @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
    @DefaultValue("2h") @NotNull Duration rateRetention,
    @DefaultValue("16") @Min(1) @Max(64) int maxIds,
    @DefaultValue("400d") @NotNull Duration retention,
    @DefaultValue("1h") @NotNull Duration retentionInterval,
    @DefaultValue("1000") @Min(1) @Max(10_000) int retentionChunk,
    @DefaultValue("50000") @Min(1) @Max(10_000_000) int retentionMaxPerRun) {
  public AlarmProperties {
    if (retention != null && retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("gridguard.alarm.retention must be at least 1d, was "
          + retention);
    }
    if (retentionInterval != null && retentionInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("gridguard.alarm.retention-interval must be at least "
          + "1s, was " + retentionInterval);
    }
    if (rateRetention != null && rateRetention.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("gridguard.alarm.rate-retention must be at least 2m, was "
          + rateRetention);
    }
    rulesFile = rulesFile == null ? "" : rulesFile.strip();
  }
}
