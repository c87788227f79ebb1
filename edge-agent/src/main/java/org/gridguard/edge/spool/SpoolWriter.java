package org.gridguard.edge.spool;

import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's single writer: drains the bounded append queue, enforces the disk budget, writes
 * items to their lane, fsyncs in groups, completes futures, persists cursors and deletes
 * acknowledged segments. A group is committed when {@code fsync_interval} has passed since its
 * first item, when it holds {@code fsync_bytes}, or at once when it holds an alarm: an alarm
 * waits for one fsync, never for the interval (what arrives meanwhile joins the next group, so
 * a flood of alarms is still committed in groups). Everything here runs on one thread, so the lane logs need no locks
 * for writing.
 */
final class SpoolWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);
  private static final Pending WAKE = new Pending(null, null, null, null);
  private static final Pending STOP = new Pending(null, null, null, null);

  enum Kind { TELEMETRY, EVENT, ALARM, EVIDENCE }

  record Pending(Lane lane, byte[] payload, Kind kind, CompletableFuture<Long> future) {}

  private record Done(CompletableFuture<Long> future, long sequence) {}

  private final SpoolConfig config;
  private final Map<Lane, LaneLog> lanes;
  private final Runnable onDurable;
  private final BlockingQueue<Pending> queue;
  private final List<Done> unsynced = new ArrayList<>();
  private final Metrics.Counter appends;
  private final Metrics.Counter appendBytes;
  private final Metrics.Counter rejected;
  private final Metrics.Counter commits;
  private final Timer fsyncLatency;
  private final DiskBudget budget;
  private volatile boolean accepting = true;
  private volatile IOException failure;
  private long unsyncedBytes;
  /** The unsynced group holds an alarm: commit it now. */
  private boolean unsyncedAlarm;
  private long firstUnsyncedNanos;
  private long[] persistedCursors;
  private long lastCursorWriteNanos;

  SpoolWriter(SpoolConfig config, Map<Lane, LaneLog> lanes, Metrics metrics, Runnable onDurable) {
    this.config = config;
    this.lanes = lanes;
    this.onDurable = onDurable;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.appends = metrics.counter("spool.appends");
    this.appendBytes = metrics.counter("spool.append_bytes");
    this.rejected = metrics.counter("spool.rejected");
    this.commits = metrics.counter("spool.commits");
    this.fsyncLatency = metrics.timer("spool.fsync");
    this.budget = new DiskBudget(config, lanes, metrics);
    this.persistedCursors = cursors();
  }

  static Kind kindOf(Record record) {
    return switch (record.getBodyCase()) {
      case TELEMETRY -> Kind.TELEMETRY;
      case ALARM -> Kind.ALARM;
      default -> Kind.EVENT;
    };
  }

  int queued() {
    return queue.size();
  }

  CompletableFuture<Long> submit(Lane lane, byte[] payload, Kind kind) {
    if (!accepting) {
      rejected.increment();
      return CompletableFuture.failedFuture(new SpoolRejectedException(failure != null
          ? "spool failed: " + failure.getMessage() : "spool is closed"));
    }
    if (payload.length > config.maxRecordBytes()) {
      rejected.increment();
      return CompletableFuture.failedFuture(new SpoolRejectedException("item of "
          + payload.length + " bytes exceeds spool.max_record_size " + config.maxRecordBytes()));
    }
    CompletableFuture<Long> future = new CompletableFuture<>();
    if (!queue.offer(new Pending(lane, payload, kind, future))) {
      rejected.increment();
      return CompletableFuture.failedFuture(new SpoolRejectedException(
          "spool write queue is full (" + config.queueCapacity() + " items); try again"));
    }
    return future;
  }

  void wake() {
    queue.offer(WAKE);
  }

  void shutdown() {
    accepting = false;
    while (!queue.offer(STOP)) {
      LockSupport.parkNanos(1_000_000);
    }
  }

  @Override
  public void run() {
    List<Pending> batch = new ArrayList<>(4096);
    long intervalNanos = config.fsyncInterval().toNanos();
    boolean stopping = false;
    while (true) {
      try {
        long wait = unsynced.isEmpty() && unsyncedBytes == 0 ? intervalNanos
            : Math.max(0, firstUnsyncedNanos + intervalNanos - System.nanoTime());
        Pending first = queue.poll(wait, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, 4095);
          for (Pending p : batch) {
            if (p == STOP) {
              stopping = true;
            } else if (p != WAKE) {
              write(p);
            }
          }
          batch.clear();
        }
        boolean due = unsyncedBytes >= config.fsyncBytes() || unsyncedAlarm
            || (unsyncedBytes > 0 && System.nanoTime() - firstUnsyncedNanos >= intervalNanos);
        if (due || (stopping && queue.isEmpty())) {
          commit();
        }
        maintain(stopping);
        if (stopping && queue.isEmpty()) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
    }
    try {
      commit();
      writeCursors();
      for (LaneLog l : lanes.values()) {
        l.close();
      }
    } catch (IOException e) {
      fail(e);
    }
    // Anything still queued after a failure is refused, not left hanging.
    Pending p;
    while ((p = queue.poll()) != null) {
      if (p.future() != null) {
        p.future().completeExceptionally(new SpoolRejectedException("spool is closed"));
      }
    }
  }

  private void write(Pending p) throws IOException {
    if (failure != null) {
      p.future().completeExceptionally(new SpoolRejectedException(
          "spool failed: " + failure.getMessage()));
      return;
    }
    long frame = SegmentFormat.frameSize(p.payload().length);
    if (!budget.makeRoom(p, frame)) {
      return;
    }
    LaneLog lane = lanes.get(p.lane());
    long seq = lane.append(p.payload());
    unsynced.add(new Done(p.future(), seq));
    unsyncedAlarm |= p.kind() == Kind.ALARM;
    if (unsyncedBytes == 0) {
      firstUnsyncedNanos = System.nanoTime();
    }
    unsyncedBytes += frame;
    appends.increment();
    appendBytes.add(p.payload().length);
  }

  private void commit() throws IOException {
    if (unsynced.isEmpty() && unsyncedBytes == 0) {
      return;
    }
    long start = System.nanoTime();
    for (LaneLog l : lanes.values()) {
      if (l.dirty()) {
        l.force();
      }
    }
    fsyncLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    commits.increment();
    for (Done d : unsynced) {
      d.future().complete(d.sequence());
    }
    unsynced.clear();
    unsyncedBytes = 0;
    unsyncedAlarm = false;
    onDurable.run();
  }

  private long[] cursors() {
    return new long[] {lanes.get(Lane.PRIORITY).ackedSequence(),
        lanes.get(Lane.EVIDENCE).ackedSequence(), lanes.get(Lane.BULK).ackedSequence()};
  }

  /** Persists moved cursors (at most once per fsync interval) and deletes acked segments. */
  private void maintain(boolean force) throws IOException {
    long now = System.nanoTime();
    if (!force && now - lastCursorWriteNanos < config.fsyncInterval().toNanos()) {
      return;
    }
    if (!Arrays.equals(cursors(), persistedCursors)) {
      writeCursors();
      lastCursorWriteNanos = now;
    }
  }

  private void writeCursors() throws IOException {
    long[] now = cursors();
    SpoolFiles.writeAtomically(config.directory().resolve(SpoolFiles.CURSORS),
        SpoolFiles.encodeCursors(now));
    persistedCursors = now;
    lanes.get(Lane.PRIORITY).deleteThrough(now[0]);
    lanes.get(Lane.EVIDENCE).deleteThrough(now[1]);
    lanes.get(Lane.BULK).deleteThrough(now[2]);
  }

  DropCounts takeDrops() {
    return budget.takeDrops();
  }

  void restoreDrops(DropCounts d) {
    budget.restoreDrops(d);
  }

  private void fail(Exception e) {
    IOException io = e instanceof IOException x ? x : new IOException(e);
    if (failure == null) {
      log.error("spool write failed; refusing further appends until restart", e);
    }
    failure = io;
    accepting = false;
    for (Done d : unsynced) {
      d.future().completeExceptionally(new SpoolRejectedException(
          "spool failed before the item was durable: " + io.getMessage()));
    }
    unsynced.clear();
    unsyncedBytes = 0;
    unsyncedAlarm = false;
  }
}
