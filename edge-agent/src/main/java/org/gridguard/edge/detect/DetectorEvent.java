package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;

/**
 * A detector's decision: an alarm of {@code type} begins or ends.
 *
 * @param zone zone name for zone motion, empty otherwise
 * @param conditionSinceMs when the condition started (the alarm's begin time)
 * @param timeMs frame (or tick) time at which the decision was made
 */
public record DetectorEvent(AlarmType type, AlarmPhase phase, String zone, long conditionSinceMs,
    long timeMs, String detail, Map<String, Double> values) {
  public DetectorEvent {
    if (phase != AlarmPhase.BEGIN && phase != AlarmPhase.END) {
      throw new IllegalArgumentException("detectors emit BEGIN or END, not " + phase);
    }
    zone = zone == null ? "" : zone;
    values = Map.copyOf(values);
  }

  static DetectorEvent of(AlarmType type, Debounce.Transition t, String zone, long since,
      long time, String detail, Map<String, Double> values) {
    return new DetectorEvent(type, t == Debounce.Transition.BEGIN ? AlarmPhase.BEGIN
        : AlarmPhase.END, zone, since, time, detail, values);
  }
}
