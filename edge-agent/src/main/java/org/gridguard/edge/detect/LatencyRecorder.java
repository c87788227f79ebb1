package org.gridguard.edge.detect;

import java.util.Arrays;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Bounded record of the last 4096 alarm latencies (frame time → handed to the spool), for the
 * benchmark and the metrics endpoint.
 */
public final class LatencyRecorder {
  private final long[] samples = new long[4096];
  private int count;
  private int next;

  synchronized void record(AlarmType type, long latencyMs) {
    if (type != AlarmType.ZONE_MOTION) {
      return; // the latency goal is about intrusions; faults wait for their minimum duration
    }
    samples[next] = latencyMs;
    next = (next + 1) % samples.length;
    count = Math.min(count + 1, samples.length);
  }

  /** The p-th percentile (0–100) of recorded zone-motion latencies, or -1 when none. */
  public synchronized long percentile(double p) {
    if (count == 0) {
      return -1;
    }
    long[] copy = Arrays.copyOf(samples, count);
    Arrays.sort(copy);
    int idx = (int) Math.ceil(p / 100 * count) - 1;
    return copy[Math.max(0, Math.min(count - 1, idx))];
  }

  public synchronized int count() {
    return count;
  }
}
