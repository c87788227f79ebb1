package org.gridguard.edge.alarm;

import org.gridguard.protocol.v1.AlarmType;

/**
 * What one open alarm is about: at most one alarm is open per (device, type, zone) — a second
 * trigger while it is open is the same physical event.
 *
 * @param zone the zone, channel or metric the alarm is about; empty when the whole device
 */
public record AlarmKey(String deviceId, AlarmType type, String zone) {
  public AlarmKey {
    if (deviceId == null || deviceId.isEmpty()) {
      throw new IllegalArgumentException("an alarm key needs a device id");
    }
    if (type == null || type == AlarmType.UNRECOGNIZED) {
      throw new IllegalArgumentException("an alarm key needs a known alarm type, was " + type);
    }
    zone = zone == null ? "" : zone;
  }
}
