package org.gridguard.hub.console;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.console.tech.*}: the technicians' screens.
 *
 * @param pageSize gateways, devices, health rows and orders per page
 * @param importThreads CSV imports running at once on this instance (each holds one transaction)
 * @param importQueue imports waiting for a thread; one more is answered 503 "try again"
 * @param importJobs import jobs (running or finished) kept per instance for their progress and
 *     report; one more than this evicts the oldest finished one, or is refused when all run
 * @param importKeep how long a finished import's report stays readable
 * @param chartPoints about this many points per telemetry chart (the range is downsampled to it)
 */
@Validated
@ConfigurationProperties("gridguard.console.tech")
public record TechnicianProperties(
    @DefaultValue("50") @Min(5) @Max(500) int pageSize,
    @DefaultValue("1") @Min(1) @Max(16) int importThreads,
    @DefaultValue("4") @Min(0) @Max(100) int importQueue,
    @DefaultValue("50") @Min(1) @Max(1000) int importJobs,
    @DefaultValue("1h") @NotNull Duration importKeep,
    @DefaultValue("300") @Min(10) @Max(5000) int chartPoints) {
  public TechnicianProperties {
    if (importKeep != null && importKeep.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("gridguard.console.tech.import-keep must be at least "
          + "10s (the page polls the report), was " + importKeep);
    }
  }
}
