package org.gridguard.hub.alarm;

import java.util.Map;
import java.util.Set;

/**
 * Which alarms are governance cases and of which category (DOMAIN.md). The edge's
 * {@code category_code} wins when it is a known category; 0 or an unknown code falls back to
 * the type's default here. Device faults (video loss, frozen or covered camera, silent device,
 * low battery, tamper, device offline) have no category: they are maintenance orders for
 * technicians, which the device registry will open from these alarm rows — they never become
 * incidents, whatever category the edge sends.
 */
final class AlarmCategories {
  /** A category and its default priority. */
  record Default(String category, int priority) {}

  /** The DOMAIN.md category codes. */
  static final Set<String> KNOWN = Set.of("9101", "9102", "9103", "9104", "9105", "9201", "9202",
      "9203", "9204", "9205", "9206");

  /** Types that are device faults whatever the edge says (maintenance, not incidents). */
  static final Set<String> DEVICE_FAULTS = Set.of("DEVICE_SILENT", "LOW_BATTERY_LEVEL",
      "VIDEO_LOSS", "VIDEO_FROZEN", "VIDEO_COVERED", "VIDEO_DEFOCUS", "VIDEO_SCENE_CHANGE",
      "TAMPER", AlarmIntake.DEVICE_OFFLINE, AlarmIntake.STORM);

  private static final Map<String, Default> BY_TYPE = Map.ofEntries(
      Map.entry("SMOKE", new Default("9101", 1)),
      Map.entry("GAS_LEAK", new Default("9102", 1)),
      Map.entry("EMERGENCY_CALL", new Default("9103", 1)),
      Map.entry("WATER_LEVEL", new Default("9104", 1)),
      Map.entry("MANHOLE_COVER", new Default("9105", 1)),
      Map.entry("EBIKE", new Default("9201", 2)),
      Map.entry("ZONE_MOTION", new Default("9204", 2)),
      Map.entry("DOOR_FORCED_OPEN", new Default("9205", 2)),
      Map.entry("DOOR_HELD", new Default("9205", 2)),
      Map.entry("REPEATED_DENIALS", new Default("9205", 2)));

  private AlarmCategories() {}

  /**
   * The category of an alarm, or null when it is not a governance case (a device fault, or a
   * generic THRESHOLD / RATE_OF_CHANGE alarm the edge gave no category).
   */
  static String category(String type, int edgeCode) {
    if (DEVICE_FAULTS.contains(type)) {
      return null;
    }
    String code = Integer.toString(edgeCode);
    if (KNOWN.contains(code)) {
      return code;
    }
    Default d = BY_TYPE.get(type);
    return d == null ? null : d.category();
  }

  /** The edge's priority if 1–4, else the type's default, else 3. */
  static int priority(String type, int edgePriority) {
    if (edgePriority >= 1 && edgePriority <= 4) {
      return edgePriority;
    }
    Default d = BY_TYPE.get(type);
    return d == null ? 3 : d.priority();
  }
}
