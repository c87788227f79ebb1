package org.gridguard.hub.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.camera-snapshot.*}: how a "snapshot now" request written by one hub instance
 * reaches the instance holding the gateway's session ({@link SnapshotDispatch}).
 *
 * @param pollInterval on H2, how often this instance looks for requests for its sessions (at
 *     most 1 s)
 * @param safetyPollInterval on PostgreSQL, where NOTIFY wakes the instance at once, the same
 *     look as a safety net (a notification lost while the LISTEN connection was down)
 * @param listenerMaxBackoff longest wait between attempts to re-open the LISTEN connection
 * @param maxPerPoll requests one poll reads
 */
@Validated
@ConfigurationProperties("gridguard.camera-snapshot")
public record SnapshotDispatchProperties(
    @DefaultValue("500ms") @NotNull Duration pollInterval,
    @DefaultValue("5s") @NotNull Duration safetyPollInterval,
    @DefaultValue("30s") @NotNull Duration listenerMaxBackoff,
    @DefaultValue("100") @Min(1) @Max(10_000) int maxPerPoll) {
  public SnapshotDispatchProperties {
    if (pollInterval != null && (pollInterval.compareTo(Duration.ofMillis(10)) < 0
        || pollInterval.compareTo(Duration.ofSeconds(1)) > 0)) {
      throw new IllegalArgumentException("gridguard.camera-snapshot.poll-interval must be within "
          + "10ms..1s, was " + pollInterval);
    }
    if (safetyPollInterval != null && safetyPollInterval.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException("gridguard.camera-snapshot.safety-poll-interval must be "
          + "at least 10ms, was " + safetyPollInterval);
    }
    if (listenerMaxBackoff != null && listenerMaxBackoff.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("gridguard.camera-snapshot.listener-max-backoff must be "
          + "at least 100ms, was " + listenerMaxBackoff);
    }
  }
}
