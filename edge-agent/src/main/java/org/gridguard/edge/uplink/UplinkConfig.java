package org.gridguard.edge.uplink;

import java.time.Duration;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.protocol.FrameFormat;

/**
 * The {@code uplink:} slice.
 *
 * @param batchRecords most records per Batch (PROTOCOL.md §4.3)
 * @param maxFrameSize largest frame accepted from the hub (announced in Hello)
 * @param connectTimeout TCP connect and Hello→HelloAck limit
 * @param backoffBase first reconnect delay bound; doubles per failed attempt
 * @param backoffMax reconnect delay cap
 * @param backoffResetAfter a session open this long resets the backoff
 * @param heartbeatInterval used until the hub's HelloAck names its own
 */
public record UplinkConfig(
    int batchRecords,
    int maxFrameSize,
    Duration connectTimeout,
    Duration backoffBase,
    Duration backoffMax,
    Duration backoffResetAfter,
    Duration heartbeatInterval) {

  public UplinkConfig {
    if (batchRecords < 1 || batchRecords > 10_000) {
      throw new IllegalArgumentException("batchRecords must be within [1, 10000]");
    }
    FrameFormat.checkMaxFrameSize(maxFrameSize);
    if (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("need 0 < backoffBase <= backoffMax");
    }
  }

  public static UplinkConfig defaults() {
    return new UplinkConfig(1000, FrameFormat.DEFAULT_MAX_FRAME_SIZE, Duration.ofSeconds(10),
        Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(15));
  }

  public UplinkConfig withBackoff(Duration base, Duration max) {
    return new UplinkConfig(batchRecords, maxFrameSize, connectTimeout, base, max,
        backoffResetAfter, heartbeatInterval);
  }

  public static UplinkConfig from(ConfigNode node) {
    UplinkConfig d = defaults();
    int batch = (int) node.integer("batch_records", d.batchRecords(), 1, 10_000);
    int frame = (int) node.bytes("max_frame_size", d.maxFrameSize(),
        FrameFormat.MIN_MAX_FRAME_SIZE, FrameFormat.HARD_MAX_FRAME_SIZE);
    Duration connect = node.duration("connect_timeout", d.connectTimeout(),
        Duration.ofMillis(100), Duration.ofMinutes(5));
    Duration base = node.duration("backoff_base", d.backoffBase(), Duration.ofMillis(10),
        Duration.ofMinutes(10));
    Duration max = node.duration("backoff_max", d.backoffMax(), Duration.ofMillis(10),
        Duration.ofHours(1));
    Duration reset = node.duration("backoff_reset_after", d.backoffResetAfter(),
        Duration.ofSeconds(1), Duration.ofHours(1));
    Duration heartbeat = node.duration("heartbeat_interval", d.heartbeatInterval(),
        Duration.ofMillis(100), Duration.ofMinutes(10));
    node.rejectUnknownKeys();
    if (max.compareTo(base) < 0) {
      node.problem("backoff_max", "must be at least backoff_base (" + base + ")");
      max = base;
    }
    return new UplinkConfig(batch, frame, connect, base, max, reset, heartbeat);
  }
}
