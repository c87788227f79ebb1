package org.gridguard.edge.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A small registry of named counters, gauges and latency histograms (plain Java, no framework).
 * Names are dotted ({@code spool.appends}); the same name always returns the same instrument.
 * Bounded: instruments are created by code, never from input data.
 */
public final class Metrics {
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

  /** A monotonically increasing count. */
  public static final class Counter {
    private final LongAdder adder = new LongAdder();

    public void increment() {
      adder.increment();
    }

    public void add(long n) {
      adder.add(n);
    }

    public long count() {
      return adder.sum();
    }
  }

  public Counter counter(String name) {
    return counters.computeIfAbsent(name, n -> new Counter());
  }

  /** Registers (or replaces) a gauge read on demand. */
  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  public Histogram histogram(String name) {
    return histograms.computeIfAbsent(name, n -> new Histogram());
  }

  public long counterValue(String name) {
    Counter c = counters.get(name);
    return c == null ? 0 : c.count();
  }

  public long gaugeValue(String name) {
    LongSupplier g = gauges.get(name);
    return g == null ? 0 : g.getAsLong();
  }

  /** Every instrument's current value, sorted by name, for logs and tests. */
  public Map<String, String> snapshot() {
    Map<String, String> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, Long.toString(v.count())));
    gauges.forEach((k, v) -> out.put(k, Long.toString(v.getAsLong())));
    histograms.forEach((k, v) -> out.put(k, v.summary()));
    return out;
  }
}
