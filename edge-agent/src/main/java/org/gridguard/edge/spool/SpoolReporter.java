package org.gridguard.edge.spool;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.SpoolReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the hub what the spool dropped (PROTOCOL.md §4.2 {@code spool_report}): a report after
 * every reconnect ({@link #reportNow}) and one per {@code report_interval} while drops keep
 * happening. Counters are deltas since the previous report; a report that cannot be spooled
 * puts its counts back. Evidence chunk drops have no field in SpoolReport 1.0; they are counted
 * in the {@code spool.dropped.evidence} metric and logged only.
 */
public final class SpoolReporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpoolReporter.class);

  private final Spool spool;
  private final String bootId;
  private final ScheduledExecutorService timer;
  private final AtomicLong since = new AtomicLong(System.currentTimeMillis());
  private volatile LongSupplier deadLetters = () -> 0;
  private long reportedDeadLetters;

  public SpoolReporter(Spool spool, String bootId) {
    this.spool = spool;
    this.bootId = bootId;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spool-reporter");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Where to read the cumulative count of payloads dead-lettered upstream (MQTT mapping); each
   * report carries the increase since the previous one.
   */
  public void countDeadLettersFrom(LongSupplier cumulative) {
    this.deadLetters = cumulative;
  }

  public void start() {
    long every = spool.config().reportInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> report(false), every, every, TimeUnit.MILLISECONDS);
  }

  /** Appends a report now, even without drops (after a reconnect). */
  public void reportNow() {
    report(true);
  }

  private synchronized void report(boolean always) {
    DropCounts drops = spool.takeDrops();
    long deadLettered = deadLetters.getAsLong();
    long newDeadLetters = deadLettered - reportedDeadLetters;
    if (drops.isEmpty() && newDeadLetters == 0 && !always) {
      return;
    }
    reportedDeadLetters = deadLettered;
    long now = System.currentTimeMillis();
    Record record = Record.newBuilder()
        .setCaptureTimeMs(now)
        .setBootId(bootId)
        .setSpoolReport(SpoolReport.newBuilder()
            .setDroppedTelemetry(drops.telemetry())
            .setDroppedEvents(drops.events())
            .setDroppedAlarms(drops.alarms())
            .setDeadLettered(newDeadLetters)
            .setSinceTimeMs(since.get())
            .setSpoolBytes(spool.bytes())
            .setSpoolBudgetBytes(spool.config().budgetBytes()))
        .build();
    spool.append(record).whenComplete((seq, error) -> {
      if (error != null) {
        log.warn("spool report could not be spooled ({}); its counts go into the next one",
            error.getMessage());
        spool.restoreDrops(drops);
        synchronized (this) {
          reportedDeadLetters -= newDeadLetters;
        }
      }
    });
    since.set(now);
    if (!drops.isEmpty()) {
      log.warn("spool dropped since last report: {} telemetry, {} events, {} alarms, "
          + "{} evidence chunks", drops.telemetry(), drops.events(), drops.alarms(),
          drops.evidenceChunks());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
