package org.gridguard.edge.rules;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** What the rules remember about one device (rules thread only). */
final class DeviceState {
  final String deviceId;
  String type;
  /** The rules profile of the mapping rule that mapped it last (null = none). */
  String profile;
  DeviceRules rules;
  long lastSeenMs;
  /**
   * Threshold → the breach in progress: when it began and the latest value beyond the level.
   * The rules tick fires a breach that has held for its debounce even without a new sample.
   */
  final Map<ThresholdSpec, Breach> breaches = new HashMap<>();
  /** metric → previous sample, for rate of change. */
  final Map<String, double[]> previous = new HashMap<>();
  /** rule|unit pairs already logged as unconvertible (at most 16, then only counted). */
  final java.util.Set<String> unitsWarned = new java.util.HashSet<>();
  /** door/channel → state. */
  final Map<String, Door> doors = new HashMap<>();

  static final class Breach {
    final long sinceMs;
    double value;
    /** The BEGIN for this breach was asked for (then the tick leaves it alone). */
    boolean fired;

    Breach(long sinceMs, double value) {
      this.sinceMs = sinceMs;
      this.value = value;
    }
  }

  static final class Door {
    long openedAtMs = -1;
    final ArrayDeque<Long> denials = new ArrayDeque<>();
  }

  DeviceState(String deviceId, String type, DeviceRules rules, long nowMs) {
    this.deviceId = deviceId;
    this.type = type;
    this.rules = rules;
    this.lastSeenMs = nowMs;
  }

  Door door(String channel) {
    return doors.computeIfAbsent(channel, c -> new Door());
  }
}
