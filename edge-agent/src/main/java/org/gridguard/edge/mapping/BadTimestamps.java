package org.gridguard.edge.mapping;

/**
 * What to do with a device timestamp that is readable but outside 2000–2100 (a device with a
 * reset clock, or a seconds/milliseconds mix-up in a mapping): {@code mqtt.bad_timestamps}.
 * Either way it is counted ({@link PayloadMapper#clockFallbacks()}).
 */
public enum BadTimestamps {
  /**
   * Use the receive time and mark the records: telemetry gets a {@code time_replaced} flag
   * reading, an event the attributes {@code time_replaced=true} and {@code device_time} (the
   * value as sent).
   */
  REPLACE,
  /** Reject the message to the dead-letter file with the offending value as reason. */
  DEAD_LETTER
}
