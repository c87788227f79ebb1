package org.gridguard.edge.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Counters for the status line: messages published and failed, anomalies per kind. */
final class SimStats {
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<Anomaly, LongAdder> anomalies = new EnumMap<>(Anomaly.class);
  private long publishedAtLastLine;

  SimStats() {
    for (Anomaly a : Anomaly.values()) {
      anomalies.put(a, new LongAdder());
    }
  }

  void published(SimMessage m) {
    published.increment();
  }

  /** An anomaly began (counted once, at its first message). */
  void anomaly(Anomaly a) {
    anomalies.get(a).increment();
  }

  void failure() {
    failed.increment();
  }

  long published() {
    return published.sum();
  }

  long failed() {
    return failed.sum();
  }

  long anomalies(Anomaly a) {
    return anomalies.get(a).sum();
  }

  /** One line: totals, messages since the previous line, anomalies so far. */
  synchronized String line(String simTime, long behindSeconds, int cameras) {
    long now = published.sum();
    long delta = now - publishedAtLastLine;
    publishedAtLastLine = now;
    String counts = anomalies.entrySet().stream().filter(e -> e.getValue().sum() > 0)
        .map(e -> e.getKey().configName() + "=" + e.getValue().sum())
        .collect(Collectors.joining(" "));
    return "village-sim: sim time " + simTime + ", messages " + now + " (+" + delta + "), failed "
        + failed.sum() + ", anomalies " + (counts.isEmpty() ? "none" : counts)
        + ", cameras " + cameras + (behindSeconds > 0 ? ", behind by " + behindSeconds + " s" : "");
  }
}
