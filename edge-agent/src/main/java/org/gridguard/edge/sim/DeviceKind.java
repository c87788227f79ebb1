package org.gridguard.edge.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of simulated device, each with the vendor format (edge mapping preset) it speaks,
 * the id prefix of generated ids and the anomalies it can have.
 */
enum DeviceKind {
  /** acme-access: multi-door controller, card/QR/face swipes, forced doors, status. */
  ACCESS_CONTROLLER("AC", Set.of(Anomaly.FORCED_DOOR, Anomaly.DENIED_BURST, Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product water. */
  WATER_LEVEL("WL", Set.of(Anomaly.RISING_WATER, Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product th. */
  TEMP_HUMIDITY("TH", Set.of(Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product smoke. */
  SMOKE("SM", Set.of(Anomaly.SMOKE, Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product gas. */
  GAS("GS", Set.of(Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product ebike (charging socket). */
  EBIKE_SOCKET("EB", Set.of(Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product sos (one-button emergency). */
  EMERGENCY_BUTTON("SOS", Set.of(Anomaly.EMERGENCY_BUTTON, Anomaly.LOW_BATTERY)),
  /** senscity-sensors, product manhole. */
  MANHOLE_COVER("MH", Set.of(Anomaly.MANHOLE_OPEN, Anomaly.LOW_BATTERY)),
  /** gridguard-canonical telemetry: a gateway's own probe (CPU temperature). */
  GATEWAY_PROBE("PROBE", Set.of());

  private final String idPrefix;
  private final Set<Anomaly> anomalies;

  DeviceKind(String idPrefix, Set<Anomaly> anomalies) {
    this.idPrefix = idPrefix;
    this.anomalies = anomalies;
  }

  String idPrefix() {
    return idPrefix;
  }

  boolean canHave(Anomaly anomaly) {
    return anomalies.contains(anomaly);
  }

  /** The name as written in the config ({@code water_level}). */
  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static List<String> configNames() {
    return Arrays.stream(values()).map(DeviceKind::configName).toList();
  }

  static DeviceKind fromConfig(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
