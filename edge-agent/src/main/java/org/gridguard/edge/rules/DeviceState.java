package org.gridguard.edge.rules;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** What the rules remember about one device (rules thread only). */
final class DeviceState {
  final String deviceId;
  String type;
  DeviceRules rules;
  long lastSeenMs;
  /** metric → time the current threshold breach began (debounce). */
  final Map<String, Long> breachSince = new HashMap<>();
  /** metric → previous sample, for rate of change. */
  final Map<String, double[]> previous = new HashMap<>();
  /** door/channel → state. */
  final Map<String, Door> doors = new HashMap<>();

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
