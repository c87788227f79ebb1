package org.gridguard.hub.record;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persists BULK lane cursors after their telemetry is durable in InfluxDB. Sessions report the
 * contiguous durable sequence without blocking; a single thread writes the highest value per
 * stream every 100 ms in one transaction. Losing the last interval on a crash is harmless:
 * the edge resends, and InfluxDB overwrites the same series and timestamp. Bounded by the
 * number of live streams (one entry each).
 */
@Component
public class CursorCommitter implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CursorCommitter.class);

  private final CursorRepository cursors;
  private final TransactionTemplate tx;
  private final ConcurrentHashMap<StreamKey, Long> pending = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;

  public CursorCommitter(CursorRepository cursors, TransactionTemplate tx, MeterRegistry meters) {
    this.cursors = cursors;
    this.tx = tx;
    meters.gauge("gridguard.cursor.pending", pending, Map::size);
  }

  /** Records that everything up to {@code sequence} of the lane is durable. Non-blocking. */
  public void durable(StreamKey key, long sequence) {
    pending.merge(key, sequence, Math::max);
  }

  /** The durable sequence reported but not yet written, 0 if none. */
  public long pending(StreamKey key) {
    return pending.getOrDefault(key, 0L);
  }

  /** Writes what is pending now (also called on stop). */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<StreamKey, Long> batch = new HashMap<>();
    for (StreamKey key : pending.keySet()) {
      Long seq = pending.remove(key);
      if (seq != null) {
        batch.put(key, seq);
      }
    }
    try {
      tx.executeWithoutResult(status -> cursors.advanceAll(batch));
    } catch (RuntimeException e) {
      log.warn("could not persist {} stream cursors, will retry: {}", batch.size(), e.toString());
      batch.forEach(this::durable);
    }
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gg-cursor-committer");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::flush, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
      flush();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** Stops after the ingest server (which has a higher phase) so late cursors are written. */
  @Override
  public int getPhase() {
    return 0;
  }
}
