package org.gridguard.edge.rules;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import static org.gridguard.protocol.v1.DeviceState.OFFLINE;
import static org.gridguard.protocol.v1.DeviceState.ONLINE;

import org.gridguard.edge.alarm.AlarmKey;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;

/**
 * The edge rules, evaluated synchronously: {@link #onMessage} for the records mapped from one
 * message (or {@link #onRecord} for a lone record) and {@link #onTick} for time-based rules
 * (held open, silence, holds). Not thread-safe; the {@link RuleEngine} calls it from its single
 * thread, tests call it with a fake clock.
 *
 * <p><b>Device state wins over edge thresholds.</b> When a message carries the device's own
 * state for an alarm type (SMOKE_ALARM or SMOKE_CLEAR for SMOKE, …, see {@link EventAlarms}),
 * that state decides the alarm for this message: the threshold rules of that alarm type are
 * not applied to the same message's readings (counted in {@code thresholds_overridden}).
 * The device's own alarm logic is calibrated for its sensor and units; a built-in threshold is
 * a generic starting point. Messages without a device state are judged by the thresholds as
 * usual, so a device that only reports readings is still covered. This is what keeps a
 * "clear" whose reading is above the threshold from opening and closing an alarm at once;
 * {@link AlarmBook} additionally never ends an alarm in the millisecond it began.
 */
final class RuleEvaluator {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleEvaluator.class);
  private RulesConfig config;
  private final AlarmBook alarms;
  private final RulesMetrics metrics;
  private final Map<String, DeviceState> devices = new LinkedHashMap<>();

  RuleEvaluator(RulesConfig config, AlarmBook alarms, RulesMetrics metrics) {
    this.config = config;
    this.alarms = alarms;
    this.metrics = metrics;
  }

  /**
   * Takes new rules (a pushed configuration): see {@link RulesReload}. Only the per-device and
   * per-type rules change; the limits stay those the engine was built with.
   *
   * @return how many open alarms ended because their rule is gone
   */
  int reconfigure(RulesConfig newConfig, long nowMs, String why) {
    config = newConfig;
    return RulesReload.apply(devices, newConfig, alarms, nowMs, why);
  }

  /** The records of one message (a telemetry and an event record, say), in order. */
  void onMessage(List<Record> records, long nowMs) {
    onMessage(null, records, nowMs);
  }

  /**
   * @param profile the rules profile the message's mapping rule names ({@code rules:}), or
   *     null: the devices get that {@code rules.device_types} entry over their own type's rules
   */
  void onMessage(String profile, List<Record> records, long nowMs) {
    if (records.size() == 1) {
      evaluate(profile, records.get(0), null, nowMs);
      return;
    }
    Set<AlarmType> deviceStated = null;
    for (Record r : records) {
      if (r.hasEvent()) {
        AlarmType stated = EventAlarms.statedType(r.getEvent().getKind());
        if (stated != null) {
          if (deviceStated == null) {
            deviceStated = EnumSet.noneOf(AlarmType.class);
          }
          deviceStated.add(stated);
        }
      }
    }
    for (Record r : records) {
      evaluate(profile, r, deviceStated, nowMs);
    }
  }

  void onRecord(Record record, long nowMs) {
    evaluate(record, null, nowMs);
  }

  /** @param deviceStated alarm types the same message states itself; null when none */
  private void evaluate(Record record, Set<AlarmType> deviceStated, long nowMs) {
    evaluate(null, record, deviceStated, nowMs);
  }

  private void evaluate(String profile, Record record, Set<AlarmType> deviceStated,
      long nowMs) {
    String deviceId = record.getDeviceId();
    String type = switch (record.getBodyCase()) {
      case TELEMETRY -> record.getTelemetry().getDeviceType();
      case EVENT -> record.getEvent().getDeviceType();
      default -> null;
    };
    if (type == null || deviceId.isEmpty()) {
      return;
    }
    boolean firstHeard = !devices.containsKey(deviceId);
    DeviceState device = device(deviceId, type, profile, nowMs);
    if (device == null) {
      return;
    }
    metrics.evaluated.increment();
    device.lastSeenMs = nowMs;
    if (firstHeard) {
      alarms.status(deviceId, ONLINE, "first heard since the agent started", nowMs);
    }
    if (alarms.end(new AlarmKey(deviceId, AlarmType.DEVICE_SILENT, ""), nowMs,
        "device reporting again")) {
      alarms.status(deviceId, ONLINE, "reporting again", nowMs);
    }
    if (record.hasTelemetry()) {
      for (Reading r : record.getTelemetry().getReadingsList()) {
        Double v = switch (r.getValueCase()) {
          case NUMBER -> r.getNumber();
          case INTEGER -> (double) r.getInteger();
          case FLAG -> r.getFlag() ? 1.0 : 0.0; // a threshold "above: 0.5" watches a flag
          default -> null;
        };
        if (v != null) {
          reading(device, r.getMetric(), v, r.getUnit(), nowMs, deviceStated);
        }
      }
    } else {
      event(device, record.getEvent(), nowMs);
    }
  }

  void onTick(long nowMs) {
    for (DeviceState d : devices.values()) {
      if (!d.breaches.isEmpty()) {
        fireHeldBreaches(d, nowMs);
      }
      if (d.rules.expectedInterval() != null
          && nowMs - d.lastSeenMs > d.rules.expectedInterval().toMillis()) {
        String detail = "nothing heard for more than " + d.rules.expectedInterval().toSeconds()
            + " s";
        if (alarms.begin(new AlarmKey(d.deviceId, AlarmType.DEVICE_SILENT, ""), nowMs,
            "device_silent", 3, 0, 0, detail,
            Map.of("silent_s", (nowMs - d.lastSeenMs) / 1000.0))) {
          alarms.status(d.deviceId, OFFLINE, detail, nowMs);
        }
      }
      for (Map.Entry<String, DeviceState.Door> e : d.doors.entrySet()) {
        DeviceState.Door door = e.getValue();
        if (d.rules.doorHeldOpen() != null && door.openedAtMs >= 0
            && nowMs - door.openedAtMs > d.rules.doorHeldOpen().toMillis()) {
          alarms.begin(new AlarmKey(d.deviceId, AlarmType.DOOR_HELD, e.getKey()), nowMs,
              "door_held_open", 2, 9205, 0, "door open longer than "
                  + d.rules.doorHeldOpen().toSeconds() + " s",
              Map.of("open_s", (nowMs - door.openedAtMs) / 1000.0));
        }
        if (d.rules.denials() != null) {
          prune(door, d.rules.denials(), nowMs);
          if (door.denials.isEmpty()) {
            alarms.end(new AlarmKey(d.deviceId, AlarmType.REPEATED_DENIALS, e.getKey()),
                nowMs, "no denied swipe for " + d.rules.denials().window().toSeconds() + " s");
          }
        }
      }
    }
    alarms.expireHolds(nowMs);
  }

  /**
   * Time-based debounce: a breach that has held for its threshold's debounce begins its alarm
   * on the tick, without waiting for another sample. The latest reading stands for the
   * device's state until the next one, so a sensor that reports once and sleeps (LoRaWAN,
   * NB-IoT) still raises the alarm; a reading back on the safe side before then cancels it.
   */
  private void fireHeldBreaches(DeviceState d, long nowMs) {
    for (Map.Entry<ThresholdSpec, DeviceState.Breach> e : d.breaches.entrySet()) {
      ThresholdSpec t = e.getKey();
      DeviceState.Breach b = e.getValue();
      if (b.fired || nowMs - b.sinceMs < t.debounce().toMillis()) {
        continue;
      }
      b.fired = true;
      metrics.debounceFiredByTick.increment();
      alarms.begin(new AlarmKey(d.deviceId, t.type(), ""), nowMs, t.ruleName(), t.priority(),
          t.category(), 0, t.metric() + " " + b.value + (t.high() ? " above " : " below ")
              + t.trigger() + " for " + (nowMs - b.sinceMs) / 1000 + " s (last sample)",
          Map.of(t.metric(), b.value));
    }
  }

  private DeviceState device(String deviceId, String type, String profile, long nowMs) {
    DeviceState d = devices.get(deviceId);
    if (d == null) {
      if (devices.size() >= config.maxDevices()) {
        metrics.refusedDeviceLimit.increment();
        return null;
      }
      d = new DeviceState(deviceId, type, config.rulesFor(deviceId, type, profile), nowMs);
      d.profile = profile;
      devices.put(deviceId, d);
    } else if (!type.equals(d.type) || !java.util.Objects.equals(profile, d.profile)) {
      d.type = type;
      d.profile = profile;
      d.rules = config.rulesFor(deviceId, type, profile);
      d.breaches.clear();
    }
    return d;
  }

  private void reading(DeviceState d, String metric, double raw, String unit, long nowMs,
      Set<AlarmType> deviceStated) {
    for (ThresholdSpec t : d.rules.thresholdsOrEmpty()) {
      if (!t.metric().equals(metric)) {
        continue;
      }
      double v = RuleUnits.convert(t.unit(), unit, raw);
      if (Double.isNaN(v)) {
        refuseUnit(d, t.ruleName(), metric, unit, t.unit());
        continue;
      }
      if (deviceStated != null && deviceStated.contains(t.type())) {
        // the device's own state in this message decides this alarm type (see class comment)
        d.breaches.remove(t);
        metrics.thresholdsOverridden.increment();
        continue;
      }
      AlarmKey key = new AlarmKey(d.deviceId, t.type(), "");
      if (t.triggered(v)) {
        DeviceState.Breach breach = d.breaches.get(t);
        if (breach == null) {
          breach = new DeviceState.Breach(nowMs, v);
          d.breaches.put(t, breach);
        }
        breach.value = v;
        if (nowMs - breach.sinceMs >= t.debounce().toMillis()) {
          breach.fired = true;
          alarms.begin(key, nowMs, t.ruleName(), t.priority(), t.category(), 0,
              metric + " " + v + (t.high() ? " above " : " below ") + t.trigger(), Map.of(metric, v));
        }
      } else {
        d.breaches.remove(t);
        if (t.cleared(v)) {
          alarms.end(key, nowMs, metric + " back to " + v);
        }
      }
    }
    if (d.rules.ratesOrEmpty().isEmpty()) {
      return;
    }
    double v = raw;
    double[] prev = d.previous.put(metric, new double[] {raw, nowMs});
    if (prev == null || nowMs - (long) prev[1] < 1000) {
      return;
    }
    double rawRate = (raw - prev[0]) / ((nowMs - prev[1]) / 60_000.0);
    for (RateSpec r : d.rules.ratesOrEmpty()) {
      if (!r.metric().equals(metric)) {
        continue;
      }
      double rate = RuleUnits.convert(r.unit(), unit, rawRate);
      if (Double.isNaN(rate)) {
        refuseUnit(d, "rate_of_change:" + metric, metric, unit, r.unit());
        continue;
      }
      AlarmKey key = new AlarmKey(d.deviceId, AlarmType.RATE_OF_CHANGE, metric);
      if (r.exceeded(rate)) {
        alarms.begin(key, nowMs, "rate_of_change:" + metric, r.priority(), r.category(), 0,
            metric + " changing " + rate + " per minute, limit " + r.perMinute(),
            Map.of(metric, v, metric + "_per_min", rate));
      } else if (r.calm(rate)) {
        alarms.end(key, nowMs, metric + " changing " + rate + " per minute");
      }
    }
  }

  /** A reading the rule cannot judge in its unit: counted, logged once per device and unit. */
  private void refuseUnit(DeviceState d, String rule, String metric, String unit,
      String expected) {
    metrics.unitRefused.increment();
    if (d.unitsWarned.size() < 16 && d.unitsWarned.add(rule + "|" + unit)) {
      LOG.warn("device {}: rule {} expects {} in {}, the reading is in '{}' and cannot be "
          + "converted; the rule ignores it (map the reading in {} or set the rule's unit)",
          d.deviceId, rule, metric, expected, unit, expected);
    }
  }

  private void event(DeviceState d, DeviceEvent e, long nowMs) {
    EventKind kind = e.getKind();
    String channel = e.getChannel();
    EventAlarms.Trigger trigger = EventAlarms.TRIGGERS.get(kind);
    if (trigger != null) {
      String zone = EventAlarms.zone(trigger.type(), channel);
      alarms.begin(new AlarmKey(d.deviceId, trigger.type(), zone), nowMs, trigger.rule(),
          trigger.priority(), trigger.category(), trigger.hold().toMillis(),
          "device reported " + kind + " (vendor code " + e.getVendorCode() + ")", Map.of());
    }
    for (AlarmType cleared : EventAlarms.CLEARS.getOrDefault(kind, java.util.List.of())) {
      alarms.end(new AlarmKey(d.deviceId, cleared, EventAlarms.zone(cleared, channel)), nowMs,
          "device reported " + kind);
    }
    DeviceState.Door door;
    switch (kind) {
      case DOOR_OPENED, DOOR_FORCED -> {
        door = d.door(channel);
        if (door.openedAtMs < 0) {
          door.openedAtMs = nowMs;
        }
      }
      case DOOR_CLOSED -> d.door(channel).openedAtMs = -1;
      case ACCESS_DENIED -> {
        if (d.rules.denials() != null) {
          door = d.door(channel);
          door.denials.addLast(nowMs);
          prune(door, d.rules.denials(), nowMs);
          if (door.denials.size() >= d.rules.denials().count()) {
            alarms.begin(new AlarmKey(d.deviceId, AlarmType.REPEATED_DENIALS, channel), nowMs,
                "denied_swipes", 2, 9205, 0, door.denials.size() + " denied swipes within "
                    + d.rules.denials().window().toSeconds() + " s",
                Map.of("denied", (double) door.denials.size()));
          }
        }
      }
      default -> { }
    }
  }

  private static void prune(DeviceState.Door door, DenialSpec spec, long nowMs) {
    long horizon = nowMs - spec.window().toMillis();
    while (!door.denials.isEmpty() && door.denials.peekFirst() <= horizon) {
      door.denials.pollFirst();
    }
    while (door.denials.size() > spec.count() * 4) {
      door.denials.pollFirst();
    }
  }
}
