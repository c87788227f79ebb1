package org.gridguard.hub.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;

/**
 * The hub's one way to run something again and again (retention purges, sweeps, probes): a
 * daemon thread of its own named after the task, started and stopped with the application
 * context. Each run says when the next one is due; a run that throws is logged (one line, no
 * stack trace) and retried after the last delay, so a failing database does not end the task.
 * Runs never overlap. Each run is timed in {@code gridguard_task_run_seconds{task, outcome}}, so
 * a task that takes the CPU from the ingest path shows up beside it. Tests call the subclass's
 * work method directly rather than waiting.
 */
public abstract class PeriodicTask implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Duration firstDelay;
  private ScheduledExecutorService timer;
  private volatile Duration last;
  private volatile MeterRegistry meters;

  /**
   * @param name the thread's name and what log lines call the task
   * @param firstDelay how long after start the first run is due
   */
  protected PeriodicTask(String name, Duration firstDelay) {
    this.name = Objects.requireNonNull(name, "name");
    this.firstDelay = Objects.requireNonNull(firstDelay, "firstDelay");
    this.last = firstDelay.isZero() ? Duration.ofSeconds(1) : firstDelay;
  }

  /** The application's registry (set by Spring; a task built by hand in a test runs untimed). */
  @Autowired(required = false)
  public void setMeterRegistry(MeterRegistry meters) {
    this.meters = meters;
  }

  /**
   * One run.
   *
   * @return the delay until the next run (positive)
   * @throws Exception logged; the next run is then due after the previous delay
   */
  protected abstract Duration runOnce() throws Exception;

  /**
   * Called when a run threw; logs one warning line. A task that runs often and whose failures
   * are expected and harmless (a poll behind a faster path) may log them more quietly.
   */
  protected void failed(Exception e, Duration retryIn) {
    log.warn("{}: run failed, retrying in {}: {}", name, retryIn, e.toString());
  }

  private void tick() {
    Duration next;
    long started = System.nanoTime();
    String outcome = "failed";
    try {
      next = runOnce();
      if (next == null || next.isNegative() || next.isZero()) {
        throw new IllegalStateException("next delay must be positive, was " + next);
      }
      last = next;
      outcome = "ok";
    } catch (InterruptedException e) {
      outcome = "interrupted";
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      next = last;
      failed(e, next);
    } finally {
      MeterRegistry registry = meters;
      if (registry != null) {
        Timer.builder("gridguard.task.run").description("one run of a periodic task")
            .tag("task", name).tag("outcome", outcome).register(registry)
            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }
    synchronized (this) {
      if (timer != null && !timer.isShutdown()) {
        timer.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    timer.schedule(this::tick, firstDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
