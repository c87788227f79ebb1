package org.gridguard.hub.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.config-push.*}: the assembled configuration pushed to live gateways
 * (PROTOCOL.md §10) and the camera snapshot command.
 *
 * @param sweepInterval how often this instance checks its sessions for a version they do not run
 *     (changes made on another hub instance arrive this way) and for unanswered pushes
 * @param resultTimeout how long a push waits for the edge's CommandResult before it is resent;
 *     also how long a snapshot request counts as pending
 * @param maxAttempts pushes of one version to one session before it is marked failed
 * @param threads threads doing push work (database reads, assembly) off the event loops
 * @param queue push work items waiting for those threads; beyond it work is dropped (counted)
 *     and the next sweep catches up
 * @param maxSessionsPerSweep sessions one sweep looks at
 */
@Validated
@ConfigurationProperties("gridguard.config-push")
public record ConfigPushProperties(
    @DefaultValue("30s") @NotNull Duration sweepInterval,
    @DefaultValue("60s") @NotNull Duration resultTimeout,
    @DefaultValue("3") @Min(1) @Max(100) int maxAttempts,
    @DefaultValue("2") @Min(1) @Max(64) int threads,
    @DefaultValue("1000") @Min(1) @Max(1000000) int queue,
    @DefaultValue("10000") @Min(1) @Max(1000000) int maxSessionsPerSweep) {

  public ConfigPushProperties {
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("gridguard.config-push.sweep-interval must be positive, "
          + "was " + sweepInterval);
    }
    if (resultTimeout.isNegative() || resultTimeout.isZero()) {
      throw new IllegalArgumentException("gridguard.config-push.result-timeout must be positive, "
          + "was " + resultTimeout);
    }
  }
}
