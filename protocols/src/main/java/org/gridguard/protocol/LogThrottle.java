package org.gridguard.protocol;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Rate-limits repeated log lines of one kind (a protocol error kind, a reject reason): the first
 * {@code perWindow} lines of a kind in each window are logged, the rest are counted, and when
 * the window ends one summary line says how many were suppressed. Metrics keep the exact counts;
 * this only keeps a flood of bad connections from flooding the log. Thread-safe; at most
 * {@value #MAX_KINDS} kinds are tracked separately, further kinds share {@code "other"}.
 */
public final class LogThrottle {
  static final int MAX_KINDS = 256;

  private final Logger log;
  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * @param log where the summary lines go (at WARN)
   * @param perWindow lines of one kind logged per window, at least 1
   * @param window the window, at least 1 s
   */
  public LogThrottle(Logger log, int perWindow, Duration window) {
    this(log, perWindow, window, System::nanoTime);
  }

  LogThrottle(Logger log, int perWindow, Duration window, LongSupplier nanoTime) {
    if (perWindow < 1 || window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("a log throttle needs perWindow >= 1 and a window of at "
          + "least 1 s, was " + perWindow + " per " + window);
    }
    this.log = log;
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Runs {@code line} (which logs) unless {@code kind} has used up this window; the first line
   * suppressed in a window schedules that window's summary on {@code scheduler}.
   */
  public void log(String kind, ScheduledExecutorService scheduler, Runnable line) {
    String key = windows.size() >= MAX_KINDS && !windows.containsKey(kind) ? "other" : kind;
    Window w = windows.computeIfAbsent(key, k -> new Window(nanoTime.getAsLong()));
    boolean allowed;
    boolean scheduleSummary = false;
    long delay = 0;
    synchronized (w) {
      long now = nanoTime.getAsLong();
      if (now - w.start >= windowNanos) {
        w.start = now;
        w.logged = 0;
      }
      allowed = w.logged < perWindow;
      if (allowed) {
        w.logged++;
      } else {
        w.suppressed++;
        suppressed.incrementAndGet();
        scheduleSummary = !w.summaryPending;
        w.summaryPending = true;
        delay = Math.max(0, w.start + windowNanos - now);
      }
    }
    if (allowed) {
      line.run();
    } else if (scheduleSummary) {
      try {
        scheduler.schedule(() -> summarise(key, w), delay, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
        summarise(key, w);
      }
    }
  }

  /** Lines suppressed so far, all kinds (for a metric). */
  public long suppressed() {
    return suppressed.get();
  }

  private void summarise(String kind, Window w) {
    long n;
    synchronized (w) {
      n = w.suppressed;
      w.suppressed = 0;
      w.summaryPending = false;
    }
    if (n > 0) {
      log.warn("suppressed {} more '{}' log lines in the last {} s (the metrics count every one)",
          n, kind, TimeUnit.NANOSECONDS.toSeconds(windowNanos));
    }
  }

  private static final class Window {
    long start;
    int logged;
    long suppressed;
    boolean summaryPending;

    Window(long start) {
      this.start = start;
    }
  }
}
