package org.gridguard.edge.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What can go wrong in a simulated village. */
enum Anomaly {
  /** A door opened without a credential (acme event 30). */
  FORCED_DOOR,
  /** Six denied swipes of one unknown card at one door within seconds (acme event 2). */
  DENIED_BURST,
  /** Smoke alarm (senscity alarm 1), cleared (alarm 2) after {@code smoke_clear_after}. */
  SMOKE,
  /** A water gauge rises past its peak level for {@code rising_water_duration}, then falls. */
  RISING_WATER,
  /** The one-button emergency pressed (senscity sos, alarm 1). */
  EMERGENCY_BUTTON,
  /** A manhole cover tilted open (alarm 1), restored (alarm 2) after {@code manhole_restore_after}. */
  MANHOLE_OPEN,
  /** The battery drops to a low level and stays there (senscity alarm 9; acme status battery). */
  LOW_BATTERY;

  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static List<String> configNames() {
    return Arrays.stream(values()).map(Anomaly::configName).toList();
  }

  static Anomaly fromConfig(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
