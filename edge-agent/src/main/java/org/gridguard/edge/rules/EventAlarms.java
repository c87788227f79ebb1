package org.gridguard.edge.rules;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.EventKind;

/**
 * Which device events open which alarm, and what ends it: a clearing event from the device
 * (SMOKE_CLEAR, DOOR_CLOSED …) or, for momentary events (a button press, a tamper switch), a
 * hold time without a new trigger. The alarm type is shared with the matching threshold rule,
 * so a device's own smoke alarm and the edge's smoke-density threshold make one alarm.
 */
final class EventAlarms {
  record Trigger(AlarmType type, int priority, int category, Duration hold, String rule) {}

  static final Map<EventKind, Trigger> TRIGGERS = new EnumMap<>(EventKind.class);
  static final Map<EventKind, List<AlarmType>> CLEARS = new EnumMap<>(EventKind.class);

  static {
    TRIGGERS.put(EventKind.SMOKE_ALARM, new Trigger(AlarmType.SMOKE, 1, 9101, Duration.ZERO, "event:smoke"));
    TRIGGERS.put(EventKind.GAS_ALARM, new Trigger(AlarmType.GAS_LEAK, 1, 9102, Duration.ZERO, "event:gas"));
    TRIGGERS.put(EventKind.WATER_LEVEL_ALARM,
        new Trigger(AlarmType.WATER_LEVEL, 1, 9104, Duration.ZERO, "event:water_level"));
    TRIGGERS.put(EventKind.MANHOLE_TILT,
        new Trigger(AlarmType.MANHOLE_COVER, 1, 9105, Duration.ZERO, "event:manhole"));
    TRIGGERS.put(EventKind.EMERGENCY_BUTTON,
        new Trigger(AlarmType.EMERGENCY_CALL, 1, 9103, Duration.ofSeconds(60), "event:emergency_button"));
    TRIGGERS.put(EventKind.EBIKE_DETECTED,
        new Trigger(AlarmType.EBIKE, 2, 9201, Duration.ofMinutes(5), "event:ebike"));
    TRIGGERS.put(EventKind.DOOR_FORCED,
        new Trigger(AlarmType.DOOR_FORCED_OPEN, 2, 9205, Duration.ofMinutes(30), "door_forced"));
    TRIGGERS.put(EventKind.DOOR_HELD_OPEN,
        new Trigger(AlarmType.DOOR_HELD, 2, 9205, Duration.ofMinutes(30), "door_held_open"));
    TRIGGERS.put(EventKind.CONTROLLER_TAMPER,
        new Trigger(AlarmType.TAMPER, 3, 0, Duration.ofMinutes(5), "event:tamper"));
    TRIGGERS.put(EventKind.SENSOR_TAMPER,
        new Trigger(AlarmType.TAMPER, 3, 0, Duration.ofMinutes(5), "event:tamper"));
    TRIGGERS.put(EventKind.LOW_BATTERY,
        new Trigger(AlarmType.LOW_BATTERY_LEVEL, 4, 0, Duration.ofHours(24), "event:low_battery"));

    CLEARS.put(EventKind.SMOKE_CLEAR, List.of(AlarmType.SMOKE));
    CLEARS.put(EventKind.GAS_CLEAR, List.of(AlarmType.GAS_LEAK));
    CLEARS.put(EventKind.WATER_LEVEL_CLEAR, List.of(AlarmType.WATER_LEVEL));
    CLEARS.put(EventKind.MANHOLE_RESTORED, List.of(AlarmType.MANHOLE_COVER));
    CLEARS.put(EventKind.DOOR_CLOSED, List.of(AlarmType.DOOR_FORCED_OPEN, AlarmType.DOOR_HELD));
  }

  private EventAlarms() {}

  /**
   * The alarm type whose state a device event states itself — raised by a level trigger
   * (SMOKE_ALARM, GAS_ALARM …, not momentary ones with a hold) or cleared (SMOKE_CLEAR …) —
   * or null. Such a state wins over the threshold rules of the same type in the same message.
   */
  static AlarmType statedType(EventKind kind) {
    Trigger trigger = TRIGGERS.get(kind);
    if (trigger != null) {
      return trigger.hold().isZero() ? trigger.type() : null;
    }
    List<AlarmType> cleared = CLEARS.get(kind);
    return cleared == null || cleared.size() != 1 ? null : cleared.get(0);
  }

  /** Zone of an event alarm: the door/channel for access control, else empty. */
  static String zone(AlarmType type, String channel) {
    return switch (type) {
      case DOOR_FORCED_OPEN, DOOR_HELD, REPEATED_DENIALS, TAMPER -> channel;
      default -> "";
    };
  }
}
