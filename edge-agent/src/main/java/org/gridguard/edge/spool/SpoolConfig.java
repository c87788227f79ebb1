package org.gridguard.edge.spool;

import java.nio.file.Path;
import java.time.Duration;
import org.gridguard.edge.config.ConfigNode;

/**
 * The {@code spool:} slice of the agent configuration.
 *
 * @param directory where the segments, cursors and stream id live (one spool per directory)
 * @param segmentBytes a lane's active segment is sealed and a new one started past this size
 * @param fsyncInterval longest an append waits for its group commit
 * @param fsyncBytes a group commit starts early once this many bytes are unsynced
 * @param budgetBytes disk budget for all lanes; past it the oldest telemetry (BULK) is dropped
 * @param hardCapBytes past this, the oldest evidence and then priority segments are dropped too
 * @param queueCapacity appends waiting for the writer thread; beyond it appends are refused
 * @param maxRecordBytes largest single item (must fit the hub's frame limit)
 * @param reportInterval how often a SpoolReport is appended while drops keep happening
 */
public record SpoolConfig(
    Path directory,
    long segmentBytes,
    Duration fsyncInterval,
    long fsyncBytes,
    long budgetBytes,
    long hardCapBytes,
    int queueCapacity,
    int maxRecordBytes,
    Duration reportInterval) {

  public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(50);
  public static final long DEFAULT_FSYNC_BYTES = 4L << 20;
  public static final long DEFAULT_BUDGET_BYTES = 2L << 30;
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
  public static final int DEFAULT_MAX_RECORD_BYTES = 512 << 10;

  public SpoolConfig {
    if (directory == null) {
      throw new IllegalArgumentException("spool directory is required");
    }
    if (segmentBytes < 4096) {
      throw new IllegalArgumentException("segmentBytes must be >= 4096, was " + segmentBytes);
    }
    if (fsyncInterval == null || fsyncInterval.isNegative() || fsyncInterval.isZero()) {
      throw new IllegalArgumentException("fsyncInterval must be positive, was " + fsyncInterval);
    }
    if (fsyncBytes < 1) {
      throw new IllegalArgumentException("fsyncBytes must be positive, was " + fsyncBytes);
    }
    if (budgetBytes < 2 * segmentBytes) {
      throw new IllegalArgumentException("budgetBytes (" + budgetBytes
          + ") must be at least two segments (" + 2 * segmentBytes + ")");
    }
    if (hardCapBytes < budgetBytes) {
      throw new IllegalArgumentException("hardCapBytes (" + hardCapBytes
          + ") must be >= budgetBytes (" + budgetBytes + ")");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
    }
    if (maxRecordBytes < 1024 || maxRecordBytes > segmentBytes) {
      throw new IllegalArgumentException("maxRecordBytes must be within [1024, segmentBytes], was "
          + maxRecordBytes);
    }
    if (reportInterval == null || reportInterval.isNegative() || reportInterval.isZero()) {
      throw new IllegalArgumentException("reportInterval must be positive, was " + reportInterval);
    }
  }

  /** Defaults for everything but the directory. */
  public static SpoolConfig defaults(Path directory) {
    return new SpoolConfig(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_FSYNC_INTERVAL,
        DEFAULT_FSYNC_BYTES, DEFAULT_BUDGET_BYTES, 2 * DEFAULT_BUDGET_BYTES,
        DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_RECORD_BYTES, Duration.ofSeconds(10));
  }

  public SpoolConfig withBudget(long budget, long hardCap) {
    return new SpoolConfig(directory, segmentBytes, fsyncInterval, fsyncBytes, budget, hardCap,
        queueCapacity, maxRecordBytes, reportInterval);
  }

  public SpoolConfig withSegmentBytes(long bytes) {
    return new SpoolConfig(directory, bytes, fsyncInterval, fsyncBytes, budgetBytes, hardCapBytes,
        queueCapacity, Math.min(maxRecordBytes, (int) Math.min(Integer.MAX_VALUE, bytes)),
        reportInterval);
  }

  /**
   * Parses {@code spool:}. Problems are recorded with their paths; the returned value is then
   * built from fallbacks and must not be used ({@code problems.throwIfAny} first).
   */
  public static SpoolConfig from(ConfigNode node) {
    String dir = node.string("directory");
    long segment = node.bytes("segment_size", DEFAULT_SEGMENT_BYTES, 4096, 1L << 30);
    Duration interval = node.duration("fsync_interval", DEFAULT_FSYNC_INTERVAL,
        Duration.ofMillis(1), Duration.ofSeconds(1));
    long fsyncBytes = node.bytes("fsync_bytes", DEFAULT_FSYNC_BYTES, 4096, 1L << 30);
    long budget = node.bytes("disk_budget", DEFAULT_BUDGET_BYTES, 8192, 1L << 50);
    long hardCap = node.bytes("hard_cap", 2 * budget, 8192, 1L << 50);
    int queue = (int) node.integer("queue_capacity", DEFAULT_QUEUE_CAPACITY, 1, 10_000_000);
    int maxRecord = (int) node.bytes("max_record_size",
        Math.min(DEFAULT_MAX_RECORD_BYTES, segment), 1024, 16L << 20);
    Duration report = node.duration("report_interval", Duration.ofSeconds(10),
        Duration.ofSeconds(1), Duration.ofHours(1));
    node.rejectUnknownKeys();
    if (budget < 2 * segment) {
      node.problem("disk_budget", "must be at least two segments (2 × segment_size = "
          + 2 * segment + " bytes), was " + budget);
      budget = 2 * segment;
    }
    if (hardCap < budget) {
      node.problem("hard_cap", "must be at least disk_budget (" + budget + " bytes), was "
          + hardCap);
      hardCap = budget;
    }
    if (maxRecord > segment) {
      node.problem("max_record_size", "must not exceed segment_size (" + segment + " bytes)");
      maxRecord = (int) Math.min(segment, DEFAULT_MAX_RECORD_BYTES);
    }
    return new SpoolConfig(Path.of(dir.isEmpty() ? "." : dir), segment, interval, fsyncBytes,
        budget, hardCap, queue, maxRecord, report);
  }
}
