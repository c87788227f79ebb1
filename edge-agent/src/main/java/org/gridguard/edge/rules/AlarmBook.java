package org.gridguard.edge.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.gridguard.edge.alarm.AlarmKey;
import org.gridguard.edge.alarm.OpenAlarm;
import org.gridguard.edge.alarm.OpenAlarmBook;
import org.gridguard.edge.alarm.OpenAlarmsFile;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open alarms, one per (device, alarm type, zone): a second trigger of an open alarm is
 * the same physical event (dedup), so it emits nothing. BEGIN and END records go to the spool.
 * Bounded: past {@code maxOpen} open alarms a new one is refused and counted. The open alarms
 * themselves live in the shared {@link OpenAlarmBook} (persisted); holds and postponed ENDs are
 * this class's. Used by the rules thread only.
 */
final class AlarmBook {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmBook.class);

  private final SpoolSink sink;
  private final String bootId;
  private final int maxOpen;
  private final RulesMetrics metrics;
  private final Supplier<UUID> ids;
  private final OpenAlarmBook open;
  /** ENDs asked for in the millisecond their alarm began, emitted on the next tick. */
  private final Map<AlarmKey, String> postponedEnds = new HashMap<>();

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
    this.open = new OpenAlarmBook(stateFile, maxOpen);
  }

  /** Writes the open alarms if they changed since the last save (rules thread, per tick). */
  void saveIfChanged() {
    if (!open.save()) {
      metrics.stateSaveFailures.increment();
    }
  }

  boolean isOpen(AlarmKey key) {
    return open.isOpen(key);
  }

  /**
   * Opens an alarm unless one is open for the key (then only its hold is renewed).
   *
   * @param holdMs end automatically this long after the last trigger; 0 = only by {@link #end}
   * @return true when a BEGIN was emitted
   */
  boolean begin(AlarmKey key, long nowMs, String rule, int priority, int category, long holdMs,
      String detail, Map<String, Double> values) {
    OpenAlarm existing = open.get(key);
    if (existing != null) {
      postponedEnds.remove(key); // triggered again: the condition is back
      open.update(existing.retriggered(nowMs, holdMs));
      metrics.deduplicated.increment();
      return false;
    }
    OpenAlarm o = new OpenAlarm(key, ids.get().toString(), nowMs, rule, priority, category,
        holdMs, nowMs);
    if (!open.open(o)) {
      metrics.refusedOpenLimit.increment();
      LOG.warn("{} open alarms already; not opening {} for {}", maxOpen, key.type(), key.deviceId());
      return false;
    }
    emit(o, AlarmPhase.BEGIN, nowMs, detail, values);
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
  boolean end(AlarmKey key, long nowMs, String detail) {
    OpenAlarm o = open.get(key);
    if (o == null) {
      return false;
    }
    if (nowMs <= o.beginMs()) {
      if (postponedEnds.put(key, detail == null ? "" : detail) == null) {
        metrics.endsPostponed.increment();
      }
      return false;
    }
    open.close(key);
    postponedEnds.remove(key);
    emit(o, AlarmPhase.END, nowMs, detail, Map.of());
    metrics.ended.increment();
    return true;
  }

  /** Ends every alarm whose hold has run out without a new trigger, and postponed ENDs. */
  void expireHolds(long nowMs) {
    List<OpenAlarm> due = new ArrayList<>();
    for (OpenAlarm o : open.all()) {
      if (postponedEnds.containsKey(o.key()) && nowMs > o.beginMs()
          || o.holdMs() > 0 && nowMs - o.lastTriggerMs() >= o.holdMs()) {
        due.add(o);
      }
    }
    for (OpenAlarm o : due) {
      String postponed = postponedEnds.get(o.key());
      end(o.key(), nowMs, postponed != null ? postponed
          : "no new trigger for " + o.holdMs() / 1000 + " s");
    }
  }

  /** The open alarms of one device. */
  List<OpenAlarm> openOf(String deviceId) {
    return open.all().stream().filter(o -> o.key().deviceId().equals(deviceId)).toList();
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

  private void emit(OpenAlarm o, AlarmPhase phase, long nowMs, String detail,
      Map<String, Double> values) {
    AlarmKey key = o.key();
    Alarm.Builder alarm = Alarm.newBuilder()
        .setAlarmId(o.alarmId())
        .setType(key.type())
        .setPhase(phase)
        .setPriority(o.priority())
        .setCategoryCode(o.category())
        .setZone(key.zone())
        .setBeginTimeMs(o.beginMs())
        .setRule(o.rule())
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
        LOG.error("spool refused alarm {} {}: {}", o.alarmId(), phase, error.toString());
      }
    });
  }
}
