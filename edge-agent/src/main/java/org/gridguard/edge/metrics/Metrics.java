package org.gridguard.edge.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The agent's one metrics registry: a Micrometer {@link MeterRegistry} (no framework) behind
 * the short dotted names the docs list ({@code spool.appends}). Each meter is registered as
 * {@code gridguard.edge.<name>}, so Prometheus text shows {@code gridguard_edge_spool_appends_total};
 * {@link #snapshot()} lists them under their short names for the log. Bounded: meters are
 * created by code, never from input data.
 */
public final class Metrics {
  /** Prefix of every meter of the edge agent in the registry. */
  public static final String PREFIX = "gridguard.edge.";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<LongSupplier>> gauges = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /** A monotonically increasing count (a Micrometer counter). */
  public static final class Counter {
    private final io.micrometer.core.instrument.Counter counter;

    private Counter(io.micrometer.core.instrument.Counter counter) {
      this.counter = counter;
    }

    public void increment() {
      counter.increment();
    }

    public void add(long n) {
      counter.increment(n);
    }

    public long count() {
      return (long) counter.count();
    }
  }

  /** The registry, for components that register Micrometer meters themselves. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Everything in the Prometheus text exposition format (version 0.0.4). */
  public String prometheusText() {
    return registry.scrape();
  }

  public Counter counter(String name) {
    return counters.computeIfAbsent(name,
        n -> new Counter(io.micrometer.core.instrument.Counter.builder(PREFIX + n)
            .register(registry)));
  }

  /**
   * A counter with tags, as key, value, key, value … ({@code mapping.reloads} by
   * {@code trigger} and {@code outcome}); the values must be a fixed set chosen by code, never
   * input data. {@link #counterValue} knows it as {@code name[key=value,key=value]}.
   */
  public Counter tagged(String name, String... keyValues) {
    if (keyValues.length == 0 || keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("tags come as key, value pairs: " + name);
    }
    StringBuilder key = new StringBuilder(name).append('[');
    for (int i = 0; i < keyValues.length; i += 2) {
      key.append(i == 0 ? "" : ",").append(keyValues[i]).append('=').append(keyValues[i + 1]);
    }
    return counters.computeIfAbsent(key.append(']').toString(),
        n -> new Counter(io.micrometer.core.instrument.Counter.builder(PREFIX + name)
            .tags(keyValues).register(registry)));
  }

  /** Registers (or replaces the value of) a gauge read on demand. */
  public void gauge(String name, LongSupplier value) {
    gauges.computeIfAbsent(name, n -> {
      AtomicReference<LongSupplier> ref = new AtomicReference<>(value);
      Gauge.builder(PREFIX + n, ref, r -> r.get().getAsLong()).strongReference(true)
          .register(registry);
      return ref;
    }).set(value);
  }

  /**
   * A latency timer with p50/p95/p99 for the log and a histogram for Prometheus; percentiles
   * cover the last ~2 minutes (Micrometer's default decay).
   */
  public Timer timer(String name) {
    return timers.computeIfAbsent(name, n -> timer(registry, PREFIX + n));
  }

  /** The agent's timer convention, for a meter in any registry (full name). */
  public static Timer timer(MeterRegistry registry, String fullName) {
    return Timer.builder(fullName)
        .publishPercentiles(0.5, 0.95, 0.99)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(1_000))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry);
  }

  /** The timer's percentile ({@code quantile} one of 0.5, 0.95, 0.99) in microseconds; 0 if none. */
  public static long percentileMicros(Timer timer, double quantile) {
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      if (Math.abs(v.percentile() - quantile) < 1e-9) {
        return (long) Math.ceil(v.value(TimeUnit.MICROSECONDS));
      }
    }
    throw new IllegalArgumentException("timer " + timer.getId().getName()
        + " does not publish quantile " + quantile);
  }

  public long counterValue(String name) {
    Counter c = counters.get(name);
    return c == null ? 0 : c.count();
  }

  public long gaugeValue(String name) {
    AtomicReference<LongSupplier> g = gauges.get(name);
    return g == null ? 0 : g.get().getAsLong();
  }

  /**
   * Every meter of the agent's registry with its current value, sorted by short name, for the
   * log: counters and gauges as numbers, timers as count, mean and percentiles.
   */
  public Map<String, String> snapshot() {
    Map<String, String> out = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      String name = meter.getId().getName();
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      String key = name.substring(PREFIX.length()) + tags(meter);
      if (meter instanceof io.micrometer.core.instrument.Counter c) {
        out.put(key, Long.toString((long) c.count()));
      } else if (meter instanceof io.micrometer.core.instrument.FunctionCounter c) {
        out.put(key, Long.toString((long) c.count()));
      } else if (meter instanceof Gauge g) {
        out.put(key, Long.toString((long) g.value()));
      } else if (meter instanceof Timer t) {
        out.put(key, summary(t));
      }
    }
    return out;
  }

  private static String tags(Meter meter) {
    StringBuilder b = new StringBuilder();
    meter.getId().getTags().forEach(t -> b.append(b.isEmpty() ? "[" : ",").append(t.getKey())
        .append('=').append(t.getValue()));
    return b.isEmpty() ? "" : b.append(']').toString();
  }

  /** {@code count=… mean_us=… p50_us<=… p99_us<=…}, as the log has always shown. */
  static String summary(Timer t) {
    HistogramSnapshot s = t.takeSnapshot();
    return "count=" + s.count() + " mean_us=" + (long) s.mean(TimeUnit.MICROSECONDS)
        + " p50_us<=" + percentileMicros(t, 0.5) + " p99_us<=" + percentileMicros(t, 0.99);
  }
}
