package org.gridguard.edge.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store-and-forward spool: one segmented append-only log per lane (PROTOCOL.md
 * §4.1) under one directory, a persisted per-lane acknowledged cursor and the stream id.
 *
 * <p>Producers {@link #append} without blocking: items go to a bounded queue drained by one
 * writer thread, which writes them, fsyncs in groups ({@link SpoolConfig#fsyncInterval()} /
 * {@link SpoolConfig#fsyncBytes()}) and then completes the futures <em>on the writer
 * thread</em> — dependants must not block (hand off with the {@code *Async} variants). The
 * uplink {@link #read}s durable items per lane from its own thread and {@link #acknowledge}s
 * what the hub made durable; segments wholly at or below the persisted cursor are deleted.
 */
public final class Spool implements SpoolSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);

  private final SpoolConfig config;
  private final UUID streamId;
  private final Map<Lane, LaneLog> lanes;
  private final SpoolWriter writer;
  private final Thread writerThread;
  private final List<Runnable> durableListeners = new CopyOnWriteArrayList<>();
  private final Metrics metrics;

  private Spool(SpoolConfig config, UUID streamId, Map<Lane, LaneLog> lanes, Metrics metrics) {
    this.config = config;
    this.streamId = streamId;
    this.lanes = lanes;
    this.metrics = metrics;
    this.writer = new SpoolWriter(config, lanes, metrics, this::fireDurable);
    this.writerThread = new Thread(writer, "spool-writer");
    this.writerThread.setDaemon(false);
    for (Lane lane : Lane.values()) {
      if (lane == Lane.UNRECOGNIZED) {
        continue;
      }
      String name = lane.name().toLowerCase(java.util.Locale.ROOT);
      LaneLog l = lanes.get(lane);
      metrics.gauge("spool.backlog." + name, () -> Math.max(0,
          l.durableSequence() - l.ackedSequence()));
      metrics.gauge("spool.bytes." + name, l::bytes);
      metrics.gauge("spool.segments." + name, l::segmentCount);
    }
    metrics.gauge("spool.bytes", this::bytes);
    metrics.gauge("spool.queue", writer::queued);
  }

  /**
   * Opens the spool in {@code config.directory()}, creating it (with a new stream id) when
   * empty, otherwise recovering: torn or corrupt tails are cut, each lane's next sequence is
   * found from its log and cursor.
   */
  public static Spool open(SpoolConfig config, Metrics metrics) throws IOException {
    Path dir = config.directory();
    Files.createDirectories(dir);
    long[] cursors;
    try {
      cursors = SpoolFiles.readCursors(dir, 3);
    } catch (IOException e) {
      log.warn("spool: {}; starting from cursor 0 (the hub's committed sequences decide what "
          + "is resent)", e.getMessage());
      cursors = new long[3];
    }
    boolean hasData = Files.isDirectory(dir.resolve("priority"))
        || Files.isDirectory(dir.resolve("bulk")) || Files.isDirectory(dir.resolve("evidence"));
    if (hasData && !Files.exists(dir.resolve(SpoolFiles.STREAM_ID))) {
      log.warn("spool: {} has lane data but no stream id; starting a new stream", dir);
    }
    UUID streamId = SpoolFiles.streamId(dir, hasData);
    Map<Lane, LaneLog> lanes = new EnumMap<>(Lane.class);
    for (Lane lane : List.of(Lane.PRIORITY, Lane.EVIDENCE, Lane.BULK)) {
      lanes.put(lane, LaneLog.open(lane, dir.resolve(lane.name().toLowerCase(
          java.util.Locale.ROOT)), config, cursors[lane.getNumber()]));
    }
    Spool spool = new Spool(config, streamId, lanes, metrics);
    long truncated = lanes.values().stream().mapToLong(LaneLog::truncatedBytes).sum();
    metrics.counter("spool.recovery.truncated_bytes").add(truncated);
    log.info("spool {} opened: stream {}, next sequences P={} E={} B={}, acked P={} E={} B={}, "
            + "{} bytes", dir, streamId, lanes.get(Lane.PRIORITY).nextSequence(),
        lanes.get(Lane.EVIDENCE).nextSequence(), lanes.get(Lane.BULK).nextSequence(),
        cursors[0], cursors[1], cursors[2], spool.bytes());
    spool.writerThread.start();
    return spool;
  }

  public UUID streamId() {
    return streamId;
  }

  public SpoolConfig config() {
    return config;
  }

  @Override
  public CompletableFuture<Long> append(Record record) {
    Lane lane = record.hasTelemetry() ? Lane.BULK : Lane.PRIORITY;
    if (record.getBodyCase() == Record.BodyCase.BODY_NOT_SET) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("record has no body (telemetry, event, alarm, ...)"));
    }
    Record unsequenced = record.getSequence() == 0 ? record
        : record.toBuilder().clearSequence().build();
    return writer.submit(lane, unsequenced.toByteArray(), SpoolWriter.kindOf(record));
  }

  @Override
  public CompletableFuture<Long> appendEvidence(EvidenceChunk chunk) {
    EvidenceChunk unsequenced = chunk.getSequence() == 0 ? chunk
        : chunk.toBuilder().clearSequence().build();
    return writer.submit(Lane.EVIDENCE, unsequenced.toByteArray(), SpoolWriter.Kind.EVIDENCE);
  }

  /**
   * Durable items of a lane with sequence ≥ {@code fromSequence}, ascending, at most
   * {@code maxItems} and about {@code maxBytes} of payload. Never blocks appenders.
   */
  public List<SpoolEntry> read(Lane lane, long fromSequence, int maxItems, long maxBytes)
      throws IOException {
    return lane(lane).read(fromSequence, maxItems, maxBytes);
  }

  /** The hub holds everything of the lane at or below {@code sequence} durably. */
  public void acknowledge(Lane lane, long sequence) {
    lane(lane).acknowledge(sequence);
    writer.wake();
  }

  public long acknowledged(Lane lane) {
    return lane(lane).ackedSequence();
  }

  /** Highest sequence of the lane that is fsynced (and readable). */
  public long durableSequence(Lane lane) {
    return lane(lane).durableSequence();
  }

  /** Called (on the writer thread, must not block) whenever new items became durable. */
  public void onDurable(Runnable listener) {
    durableListeners.add(listener);
  }

  /** Drops since the previous call (the counters restart at zero). */
  public DropCounts takeDrops() {
    return writer.takeDrops();
  }

  /** Puts drops back when their report could not be spooled. */
  public void restoreDrops(DropCounts drops) {
    writer.restoreDrops(drops);
  }

  public long bytes() {
    return lanes.values().stream().mapToLong(LaneLog::bytes).sum();
  }

  public Metrics metrics() {
    return metrics;
  }

  private LaneLog lane(Lane lane) {
    LaneLog l = lanes.get(lane);
    if (l == null) {
      throw new IllegalArgumentException("no such lane: " + lane);
    }
    return l;
  }

  private void fireDurable() {
    for (Runnable r : durableListeners) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("spool durable listener failed", e);
      }
    }
  }

  /**
   * Stops accepting appends, writes and fsyncs everything queued (completing those futures),
   * persists the cursors and closes the files.
   */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
