package org.gridguard.edge.sim;

/** What a simulated device remembers between ticks. Mutable; used by the tick thread only. */
final class DeviceState {
  final SimDevice device;
  /** Offset of its periodic reports within the report interval, so devices do not all speak at once. */
  final int phase;
  int battery;
  boolean lowBattery;
  long seq;
  /** Tick at which a lasting anomaly ends (smoke cleared, water back, cover restored); -1: none. */
  long anomalyEndsAt = -1;
  long anomalyStartedAt = -1;
  boolean charging;
  String[] cards = new String[0];

  DeviceState(SimDevice device, int phase, int battery) {
    this.device = device;
    this.phase = phase;
    this.battery = battery;
  }

  boolean inAnomaly(long tick) {
    return anomalyEndsAt >= 0 && tick < anomalyEndsAt;
  }
}
