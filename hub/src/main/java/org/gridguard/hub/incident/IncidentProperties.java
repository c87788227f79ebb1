package org.gridguard.hub.incident;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.incident.*}.
 *
 * @param zone the zone of the working calendar (work periods and dates)
 * @param sweepInterval how often the escalation sweep looks for overdue incidents
 * @param sweepBatch at most this many overdue incidents escalated per sweep run
 * @param calendarImportMaxRows at most this many dates in one calendar import
 */
@Validated
@ConfigurationProperties("gridguard.incident")
public record IncidentProperties(
    @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
    @DefaultValue("1m") @NotNull Duration sweepInterval,
    @DefaultValue("200") @Min(1) @Max(10_000) int sweepBatch,
    @DefaultValue("1000") @Min(1) @Max(100_000) int calendarImportMaxRows) {
  public IncidentProperties {
    if (sweepInterval != null && sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("gridguard.incident.sweep-interval must be at least 1s, "
          + "was " + sweepInterval);
    }
  }
}
