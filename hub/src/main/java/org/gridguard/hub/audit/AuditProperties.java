package org.gridguard.hub.audit;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.audit.*}.
 *
 * @param retention audit lines older than this are deleted (the only deletion there is)
 * @param purgeInterval how often retention runs
 */
@Validated
@ConfigurationProperties("gridguard.audit")
public record AuditProperties(
    @DefaultValue("400d") @NotNull Duration retention,
    @DefaultValue("6h") @NotNull Duration purgeInterval) {
  public AuditProperties {
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("gridguard.audit.retention must be at least 1d");
    }
  }
}
