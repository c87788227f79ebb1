package org.gridguard.edge.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency histogram in microseconds with log-linear buckets (each power of two split into 8
 * linear steps, so a percentile is reported within 12.5 %, as the bucket's upper bound — never
 * optimistic). Constant memory, lock-free recording.
 */
public final class Histogram {
  private static final int SUB = 8;
  private static final int MAX_EXP = 40;
  private final AtomicLongArray counts = new AtomicLongArray(SUB + (MAX_EXP - 3) * SUB);
  private final LongAdder total = new LongAdder();
  private final LongAdder sumMicros = new LongAdder();

  static int index(long micros) {
    if (micros < SUB) {
      return (int) micros;
    }
    int exp = 63 - Long.numberOfLeadingZeros(micros);
    if (exp >= MAX_EXP) {
      return SUB + (MAX_EXP - 4) * SUB + SUB - 1;
    }
    int sub = (int) ((micros >> (exp - 3)) & (SUB - 1));
    return SUB + (exp - 3) * SUB + sub;
  }

  static long upperBound(int index) {
    if (index < SUB) {
      return index;
    }
    int exp = (index - SUB) / SUB + 3;
    int sub = (index - SUB) % SUB;
    return ((long) (SUB + sub + 1) << (exp - 3)) - 1;
  }

  public void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    counts.incrementAndGet(index(micros));
    total.increment();
    sumMicros.add(micros);
  }

  public long count() {
    return total.sum();
  }

  /** Upper bound of the bucket holding the given quantile, in microseconds; 0 when empty. */
  public long percentileMicros(double quantile) {
    long n = 0;
    for (int i = 0; i < counts.length(); i++) {
      n += counts.get(i);
    }
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * n));
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(counts.length() - 1);
  }

  public String summary() {
    long n = count();
    return "count=" + n + " mean_us=" + (n == 0 ? 0 : sumMicros.sum() / n)
        + " p50_us<=" + percentileMicros(0.5) + " p99_us<=" + percentileMicros(0.99);
  }
}
