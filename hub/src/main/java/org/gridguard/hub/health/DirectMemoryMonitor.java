package org.gridguard.hub.health;

import java.time.Duration;
import org.gridguard.hub.schedule.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Watches {@link DirectMemory} twice a second: gauges {@code gridguard_direct_memory_used_bytes},
 * {@code _max_bytes} and {@code _peak_bytes}; past the alarm share of the maximum it logs a
 * warning (again every minute while it lasts) and reports {@code directMemory} DOWN, and logs
 * when use is back below. (The ingest server refuses new unauthenticated connections meanwhile.)
 */
final class DirectMemoryMonitor extends PeriodicTask implements HealthIndicator {
  private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(DirectMemoryMonitor.class);
  private static final long REWARN_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final double alarm;
  private final LongSupplier used;
  private final LongSupplier max;
  private final AtomicLong peak = new AtomicLong();
  private volatile boolean alarmed;
  private long warnedAt;

  DirectMemoryMonitor(double alarm, MeterRegistry meters, LongSupplier used, LongSupplier max) {
    super("gg-direct-memory", Duration.ZERO);
    this.alarm = alarm;
    this.used = used;
    this.max = max;
    Gauge.builder("gridguard.direct.memory.used", used::getAsLong).baseUnit("bytes")
        .description("direct (off-heap) memory in use").register(meters);
    Gauge.builder("gridguard.direct.memory.max", max::getAsLong).baseUnit("bytes")
        .description("the JVM's direct memory limit").register(meters);
    Gauge.builder("gridguard.direct.memory.peak", peak::get).baseUnit("bytes")
        .description("highest direct memory use seen (sampled twice a second)").register(meters);
  }

  @Override
  protected Duration runOnce() {
    check();
    return SAMPLE_INTERVAL;
  }

  /** One sample (the schedule's task; tests call it directly). */
  synchronized void check() {
    long now = used.getAsLong();
    long limit = max.getAsLong();
    peak.accumulateAndGet(now, Math::max);
    double ratio = limit <= 0 ? 0 : (double) now / limit;
    if (ratio >= alarm) {
      long t = System.nanoTime();
      if (!alarmed || t - warnedAt >= REWARN_NANOS) {
        log.warn("direct memory at {} of its maximum ({} of {} MiB), above the alarm share {}: "
                + "new unauthenticated connections are refused", percent(ratio), now >> 20,
            limit >> 20, percent(alarm));
        warnedAt = t;
      }
      alarmed = true;
    } else if (alarmed) {
      alarmed = false;
      log.info("direct memory back to {} of its maximum ({} MiB)", percent(ratio), now >> 20);
    }
  }

  long peak() {
    return peak.get();
  }

  @Override
  public Health health() {
    long now = used.getAsLong();
    long limit = max.getAsLong();
    boolean over = limit > 0 && (double) now / limit >= alarm;
    return (over ? Health.down() : Health.up()).withDetail("usedBytes", now)
        .withDetail("maxBytes", limit).withDetail("peakBytes", peak.get())
        .withDetail("alarmShare", alarm).build();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }
}
