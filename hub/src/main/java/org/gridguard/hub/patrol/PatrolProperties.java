package org.gridguard.hub.patrol;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.patrol.*}.
 *
 * @param zone the deployment's zone: rosters are wall-clock times in it
 * @param heartbeat how often an SSE comment is sent on every open stream (keeps proxies open)
 * @param streamTimeout an SSE stream is completed after this long; the client reconnects with
 *     Last-Event-ID and loses nothing
 * @param maxStreamsPerUser open streams per user; opening one more closes the oldest
 * @param maxStreams open streams on this instance (all users); one more is answered 503 with
 *     {@code Retry-After} (a load balancer or the client's reconnect then finds room elsewhere);
 *     each costs a servlet connection and a {@code sendQueue} of events at most
 * @param sendQueue events waiting to be written to one stream; fetched from the outbox only as
 *     far as there is room, so memory per stream is bounded
 * @param slowClientTimeout a stream whose queue has stayed full this long is closed (the client
 *     catches up on reconnect)
 * @param sendThreads threads writing to SSE streams (a blocked write holds one of them)
 * @param pollInterval how often the outbox heads are compared with what the open streams have
 *     sent — the wake-up on H2 (one instance), a safety net on PostgreSQL, where LISTEN/NOTIFY
 *     wakes the instances at once
 * @param safetyPollInterval the same comparison on PostgreSQL, where it only covers a NOTIFY
 *     lost while the LISTEN connection was being re-established
 * @param listenerMaxBackoff longest wait between attempts to reconnect the LISTEN connection
 * @param feedRetention outbox rows older than this are deleted
 * @param p1AcceptLimit a P1 task not accepted this long after its dispatch escalates (and again
 *     after each further limit, up to {@code maxEscalationSteps})
 * @param p2AcceptLimit the same for P2; P3 and P4 do not escalate
 * @param maxEscalationSteps escalation steps per dispatch round
 * @param sweepInterval how often the escalation sweep runs
 * @param photoDirectory where task photos are stored (not the gateway evidence directory)
 * @param photoMaxSize the largest photo accepted (the request-body limit of the upload route
 *     follows it, see {@link PhotoBodyLimit})
 * @param maxPhotosPerTask photos one task may carry
 * @param photoRetention photos are deleted this long after upload
 * @param purgeInterval how often old feed rows and photos are purged
 */
@Validated
@ConfigurationProperties("gridguard.patrol")
public record PatrolProperties(
    @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
    @DefaultValue("15s") @NotNull Duration heartbeat,
    @DefaultValue("30m") @NotNull Duration streamTimeout,
    @DefaultValue("3") @Min(1) @Max(100) int maxStreamsPerUser,
    @DefaultValue("5000") @Min(1) @Max(100_000) int maxStreams,
    @DefaultValue("256") @Min(1) @Max(100_000) int sendQueue,
    @DefaultValue("30s") @NotNull Duration slowClientTimeout,
    @DefaultValue("8") @Min(1) @Max(256) int sendThreads,
    @DefaultValue("250ms") @NotNull Duration pollInterval,
    @DefaultValue("5s") @NotNull Duration safetyPollInterval,
    @DefaultValue("10s") @NotNull Duration listenerMaxBackoff,
    @DefaultValue("30d") @NotNull Duration feedRetention,
    @DefaultValue("3m") @NotNull Duration p1AcceptLimit,
    @DefaultValue("10m") @NotNull Duration p2AcceptLimit,
    @DefaultValue("3") @Min(0) @Max(20) int maxEscalationSteps,
    @DefaultValue("15s") @NotNull Duration sweepInterval,
    @DefaultValue("./var/patrol-photos") @NotNull Path photoDirectory,
    @DefaultValue("10MB") @NotNull DataSize photoMaxSize,
    @DefaultValue("10") @Min(1) @Max(1000) int maxPhotosPerTask,
    @DefaultValue("180d") @NotNull Duration photoRetention,
    @DefaultValue("1h") @NotNull Duration purgeInterval) {
  public PatrolProperties {
    positive("heartbeat", heartbeat);
    positive("stream-timeout", streamTimeout);
    positive("slow-client-timeout", slowClientTimeout);
    positive("poll-interval", pollInterval);
    positive("safety-poll-interval", safetyPollInterval);
    positive("listener-max-backoff", listenerMaxBackoff);
    positive("feed-retention", feedRetention);
    positive("p1-accept-limit", p1AcceptLimit);
    positive("p2-accept-limit", p2AcceptLimit);
    positive("sweep-interval", sweepInterval);
    positive("photo-retention", photoRetention);
    positive("purge-interval", purgeInterval);
    if (heartbeat != null && streamTimeout != null && heartbeat.compareTo(streamTimeout) >= 0) {
      throw new IllegalArgumentException("gridguard.patrol.heartbeat (" + heartbeat
          + ") must be shorter than gridguard.patrol.stream-timeout (" + streamTimeout + ")");
    }
    if (photoMaxSize != null && (photoMaxSize.toBytes() < 16
        || photoMaxSize.toBytes() > (1L << 30))) {
      throw new IllegalArgumentException("gridguard.patrol.photo-max-size must be within "
          + "[16B, 1GB], was " + photoMaxSize);
    }
  }

  private static void positive(String key, Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("gridguard.patrol." + key + " must be positive, was "
          + d);
    }
  }

  /** The accept limit of a priority, or null if it does not escalate. */
  Duration acceptLimit(int priority) {
    return switch (priority) {
      case 1 -> p1AcceptLimit;
      case 2 -> p2AcceptLimit;
      default -> null;
    };
  }
}
