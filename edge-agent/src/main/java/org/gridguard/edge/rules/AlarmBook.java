package org.gridguard.edge.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open alarms, one per (device, alarm type, zone): a second trigger of an open alarm is
 * the same physical event (dedup), so it emits nothing. BEGIN and END records go to the spool.
 * Bounded: past {@code maxOpen} open alarms a new one is refused and counted. Used by the
 * rules thread only.
 */
final class AlarmBook {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmBook.class);

  record Key(String deviceId, AlarmType type, String zone) {}

  static final class Open {
    final String alarmId;
    final long beginMs;
    final String rule;
    final int priority;
    final int category;
    long lastTriggerMs;
    long holdMs;
    /** An END asked for in the millisecond the alarm began, emitted on the next tick. */
    String postponedEnd;

    Open(String alarmId, long beginMs, String rule, int priority, int category, long holdMs) {
      this.alarmId = alarmId;
      this.beginMs = beginMs;
      this.rule = rule;
      this.priority = priority;
      this.category = category;
      this.lastTriggerMs = beginMs;
      this.holdMs = holdMs;
    }
  }

  private final SpoolSink sink;
  private final String bootId;
  private final int maxOpen;
  private final RulesMetrics metrics;
  private final Supplier<UUID> ids;
  private final Map<Key, Open> open = new LinkedHashMap<>();
  private final OpenAlarmsFile stateFile;
  private boolean dirty;

  AlarmBook(SpoolSink sink, String bootId, int maxOpen, RulesMetrics metrics, Supplier<UUID> ids) {
    this(sink, bootId, maxOpen, metrics, ids, null);
  }

  /**
   * @param stateFile where open alarms survive restarts; {@code null} keeps them in memory only
   */
  AlarmBook(SpoolSink sink, String bootId, int maxOpen, RulesMetrics metrics, Supplier<UUID> ids,
      OpenAlarmsFile stateFile) {
    this.sink = sink;
    this.bootId = bootId;
    this.maxOpen = maxOpen;
    this.metrics = metrics;
    this.ids = ids;
    this.stateFile = stateFile;
    if (stateFile != null) {
      open.putAll(stateFile.load(maxOpen));
      if (!open.isEmpty()) {
        LOG.info("{} alarm(s) still open from before the restart: {}", open.size(), open.keySet());
      }
    }
  }

  /** Writes the open alarms if they changed since the last save (rules thread, per tick). */
  void saveIfChanged() {
    if (stateFile == null || !dirty) {
      return;
    }
    try {
      stateFile.save(open);
      dirty = false;
    } catch (java.io.IOException e) {
      metrics.stateSaveFailures.increment();
      LOG.warn("cannot save open alarms ({}); will retry next tick", e.toString());
    }
  }

  boolean isOpen(Key key) {
    return open.containsKey(key);
  }

  /**
   * Opens an alarm unless one is open for the key (then only its hold is renewed).
   *
   * @param holdMs end automatically this long after the last trigger; 0 = only by {@link #end}
   * @return true when a BEGIN was emitted
   */
  boolean begin(Key key, long nowMs, String rule, int priority, int category, long holdMs,
      String detail, Map<String, Double> values) {
    Open existing = open.get(key);
    if (existing != null) {
      existing.postponedEnd = null; // triggered again: the condition is back
      existing.lastTriggerMs = nowMs;
      existing.holdMs = Math.max(existing.holdMs, holdMs);
      metrics.deduplicated.increment();
      return false;
    }
    if (open.size() >= maxOpen) {
      metrics.refusedOpenLimit.increment();
      LOG.warn("{} open alarms already; not opening {} for {}", maxOpen, key.type(), key.deviceId());
      return false;
    }
    Open o = new Open(ids.get().toString(), nowMs, rule, priority, category, holdMs);
    open.put(key, o);
    dirty = true;
    emit(key, o, AlarmPhase.BEGIN, nowMs, detail, values);
    metrics.begun.increment();
    return true;
  }

  /**
   * Closes the alarm for the key, if open. Never in the millisecond it began: such an END
   * (two sources disagreeing about one instant) is postponed to the next tick, and a new
   * trigger before then cancels it, so no zero-length BEGIN/END pair is emitted.
   *
   * @return true when an END was emitted
   */
  boolean end(Key key, long nowMs, String detail) {
    Open o = open.get(key);
    if (o == null) {
      return false;
    }
    if (nowMs <= o.beginMs) {
      if (o.postponedEnd == null) {
        metrics.endsPostponed.increment();
      }
      o.postponedEnd = detail == null ? "" : detail;
      return false;
    }
    open.remove(key);
    dirty = true;
    emit(key, o, AlarmPhase.END, nowMs, detail, Map.of());
    metrics.ended.increment();
    return true;
  }

  /** Ends every alarm whose hold has run out without a new trigger, and postponed ENDs. */
  void expireHolds(long nowMs) {
    List<Key> due = new ArrayList<>();
    open.forEach((k, o) -> {
      if (o.postponedEnd != null && nowMs > o.beginMs
          || o.holdMs > 0 && nowMs - o.lastTriggerMs >= o.holdMs) {
        due.add(k);
      }
    });
    for (Key k : due) {
      Open o = open.get(k);
      end(k, nowMs, o.postponedEnd != null ? o.postponedEnd
          : "no new trigger for " + o.holdMs / 1000 + " s");
    }
  }

  int openCount() {
    return open.size();
  }

  /**
   * Appends a device health record (ONLINE when first heard or reporting again, OFFLINE when
   * silent past its expected interval) for the hub's device health view.
   */
  void status(String deviceId, org.gridguard.protocol.v1.DeviceState state, String detail,
      long nowMs) {
    Record record = Record.newBuilder()
        .setCaptureTimeMs(nowMs)
        .setDeviceId(deviceId)
        .setBootId(bootId)
        .setStatus(DeviceStatus.newBuilder().setState(state).setDetail(detail))
        .build();
    sink.append(record).whenComplete((seq, error) -> {
      if (error != null) {
        metrics.spoolFailures.increment();
        LOG.error("spool refused {} status of {}: {}", state, deviceId, error.toString());
      }
    });
  }

  private void emit(Key key, Open o, AlarmPhase phase, long nowMs, String detail,
      Map<String, Double> values) {
    Alarm.Builder alarm = Alarm.newBuilder()
        .setAlarmId(o.alarmId)
        .setType(key.type())
        .setPhase(phase)
        .setPriority(o.priority)
        .setCategoryCode(o.category)
        .setZone(key.zone())
        .setBeginTimeMs(o.beginMs)
        .setRule(o.rule)
        .setDetail(detail == null ? "" : detail)
        .putAllValues(values);
    if (phase == AlarmPhase.END) {
      alarm.setEndTimeMs(nowMs);
    }
    Record record = Record.newBuilder()
        .setCaptureTimeMs(nowMs)
        .setDeviceId(key.deviceId())
        .setBootId(bootId)
        .setAlarm(alarm)
        .build();
    sink.append(record).whenComplete((seq, error) -> {
      if (error != null) {
        metrics.spoolFailures.increment();
        LOG.error("spool refused alarm {} {}: {}", o.alarmId, phase, error.toString());
      }
    });
  }
}
