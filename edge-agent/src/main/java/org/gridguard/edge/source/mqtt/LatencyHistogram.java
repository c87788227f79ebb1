package org.gridguard.edge.source.mqtt;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lock-free latency histogram with power-of-two microsecond buckets (1 µs … ~35 min):
 * percentiles are upper bucket bounds, good enough for "is the ack latency 2 ms or 200 ms".
 */
final class LatencyHistogram {
  private static final int BUCKETS = 32;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  void record(long nanos) {
    long micros = Math.max(1, nanos / 1000);
    int bucket = Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    counts.incrementAndGet(bucket);
  }

  long count() {
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** Upper bound of the bucket holding the given percentile, in microseconds; 0 if empty. */
  long percentileMicros(double percentile) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(total * percentile / 100.0);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return 1L << (i + 1);
      }
    }
    return 1L << BUCKETS;
  }
}
