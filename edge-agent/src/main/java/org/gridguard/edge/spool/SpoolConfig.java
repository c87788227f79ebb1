package org.gridguard.edge.spool;

import java.nio.file.Path;
import java.time.Duration;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigRuleException;

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

  /** The longest group-commit wait allowed: an append's future waits at most this long. */
  public static final Duration MAX_FSYNC_INTERVAL = Duration.ofSeconds(1);

  /**
   * The one place the spool's rules live; {@link #from} and direct construction (tests, a
   * pushed config) are judged alike. Every broken rule is reported, each at its YAML key.
   */
  public SpoolConfig {
    ConfigRuleException.Rules rules = new ConfigRuleException.Rules();
    rules.check(directory != null, "directory", "is required");
    rules.check(segmentBytes >= 4096 && segmentBytes <= 1L << 30, "segment_size",
        "must be within 4 KiB..1 GiB, was " + segmentBytes + " bytes");
    rules.check(fsyncInterval != null && fsyncInterval.toMillis() >= 1
        && fsyncInterval.compareTo(MAX_FSYNC_INTERVAL) <= 0, "fsync_interval",
        "must be within 1ms..1s (an append's future waits this long at most), was "
            + fsyncInterval);
    rules.check(fsyncBytes >= 4096 && fsyncBytes <= 1L << 30, "fsync_bytes",
        "must be within 4 KiB..1 GiB, was " + fsyncBytes + " bytes");
    rules.check(budgetBytes >= 2 * segmentBytes, "disk_budget", "must be at least two segments "
        + "(2 × segment_size = " + 2 * segmentBytes + " bytes), was " + budgetBytes);
    rules.check(hardCapBytes >= budgetBytes, "hard_cap", "must be at least disk_budget ("
        + budgetBytes + " bytes), was " + hardCapBytes);
    rules.check(queueCapacity >= 1 && queueCapacity <= 10_000_000, "queue_capacity",
        "must be within 1..10000000, was " + queueCapacity);
    rules.check(maxRecordBytes >= 1024 && maxRecordBytes <= segmentBytes, "max_record_size",
        "must be at least 1 KiB and must not exceed segment_size (" + segmentBytes
            + " bytes), was " + maxRecordBytes);
    rules.check(reportInterval != null && reportInterval.compareTo(Duration.ofSeconds(1)) >= 0
        && reportInterval.compareTo(Duration.ofHours(1)) <= 0, "report_interval",
        "must be within 1s..1h, was " + reportInterval);
    rules.throwIfAny();
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
    // The node only reads types (wide bounds); the record's constructor judges the values.
    String dir = node.string("directory");
    long segment = node.bytes("segment_size", DEFAULT_SEGMENT_BYTES, 0, Long.MAX_VALUE);
    Duration interval = node.duration("fsync_interval", DEFAULT_FSYNC_INTERVAL, Duration.ZERO,
        Duration.ofDays(3650));
    long fsyncBytes = node.bytes("fsync_bytes", DEFAULT_FSYNC_BYTES, 0, Long.MAX_VALUE);
    long budget = node.bytes("disk_budget", DEFAULT_BUDGET_BYTES, 0, Long.MAX_VALUE / 4);
    long hardCap = node.bytes("hard_cap", 2 * budget, 0, Long.MAX_VALUE);
    int queue = (int) node.integer("queue_capacity", DEFAULT_QUEUE_CAPACITY, 0,
        Integer.MAX_VALUE);
    int maxRecord = (int) node.bytes("max_record_size",
        Math.min(DEFAULT_MAX_RECORD_BYTES, segment), 0, Integer.MAX_VALUE);
    Duration report = node.duration("report_interval", Duration.ofSeconds(10), Duration.ZERO,
        Duration.ofDays(3650));
    node.rejectUnknownKeys();
    SpoolConfig built = node.build(() -> new SpoolConfig(Path.of(dir.isEmpty() ? "." : dir),
        segment, interval, fsyncBytes, budget, hardCap, queue, maxRecord, report));
    return built != null ? built : defaults(Path.of(dir.isEmpty() ? "." : dir));
  }
}
