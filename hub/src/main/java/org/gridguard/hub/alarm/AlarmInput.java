package org.gridguard.hub.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.Record;

/**
 * One alarm record as the hub takes it in: texts made storable (control characters replaced,
 * widths cut to the columns), times resolved, category and priority decided.
 *
 * @param phase BEGIN, UPDATE or END (UNSPECIFIED is taken as BEGIN)
 * @param begin when the alarm began (the edge's begin time, else the capture time)
 * @param end when it ended (END only: the edge's end time, else the capture time), else null
 * @param capture the record's capture time
 * @param category the incident category, or null for a device fault (no incident)
 */
record AlarmInput(String gatewayId, String deviceId, String type, String zone, AlarmPhase phase,
    String edgeAlarmId, Instant begin, Instant end, Instant capture, String category,
    int priority, String rule, String detail, List<String> evidenceIds) {
  static final int MAX_ZONE = 128;
  static final int MAX_ID = 128;

  AlarmInput {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(begin, "begin");
    Objects.requireNonNull(capture, "capture");
    if (phase != AlarmPhase.BEGIN && phase != AlarmPhase.UPDATE && phase != AlarmPhase.END) {
      throw new IllegalArgumentException("phase: BEGIN, UPDATE or END, was " + phase);
    }
    if ((phase == AlarmPhase.END) != (end != null)) {
      throw new IllegalArgumentException("end: given exactly for END, phase was " + phase);
    }
    if (priority < 1 || priority > 4) {
      throw new IllegalArgumentException("priority: 1-4, was " + priority);
    }
    evidenceIds = List.copyOf(evidenceIds);
  }

  /** gateway|device|type|zone: one active alarm per key. */
  String dedupKey() {
    return key(gatewayId, deviceId, type, zone);
  }

  static String key(String gatewayId, String deviceId, String type, String zone) {
    return gatewayId + '|' + deviceId + '|' + type + '|' + zone;
  }

  static AlarmInput of(String gatewayId, Record record) {
    Alarm a = record.getAlarm();
    String type = a.getType() == org.gridguard.protocol.v1.AlarmType.UNRECOGNIZED
        ? "UNKNOWN_" + a.getTypeValue() : a.getType().name();
    AlarmPhase phase = switch (a.getPhase()) {
      case UPDATE -> AlarmPhase.UPDATE;
      case END -> AlarmPhase.END;
      default -> AlarmPhase.BEGIN;
    };
    Instant capture = Instant.ofEpochMilli(record.getCaptureTimeMs());
    Instant begin = a.getBeginTimeMs() > 0 ? Instant.ofEpochMilli(a.getBeginTimeMs()) : capture;
    Instant end = phase != AlarmPhase.END ? null
        : a.getEndTimeMs() > 0 ? Instant.ofEpochMilli(a.getEndTimeMs()) : capture;
    return new AlarmInput(gatewayId, record.getDeviceId(), type, clean(a.getZone(), MAX_ZONE),
        phase, clean(a.getAlarmId(), MAX_ID), begin, end, capture,
        AlarmCategories.category(type, a.getCategoryCode()),
        AlarmCategories.priority(type, a.getPriority()), clean(a.getRule(), 128),
        clean(a.getDetail(), 500),
        a.getEvidenceIdsList().stream().map(id -> clean(id, MAX_ID)).toList());
  }

  /**
   * A DeviceStatus OFFLINE (BEGIN) or ONLINE (END) of a device as a DEVICE_OFFLINE alarm, or
   * null for anything else (DEGRADED, gateway-level status).
   */
  static AlarmInput ofStatus(String gatewayId, Record record) {
    DeviceState state = record.getStatus().getState();
    if (record.getDeviceId().isEmpty()
        || (state != DeviceState.OFFLINE && state != DeviceState.ONLINE)) {
      return null;
    }
    Instant capture = Instant.ofEpochMilli(record.getCaptureTimeMs());
    boolean offline = state == DeviceState.OFFLINE;
    return new AlarmInput(gatewayId, record.getDeviceId(), AlarmIntake.DEVICE_OFFLINE, "",
        offline ? AlarmPhase.BEGIN : AlarmPhase.END, "", capture, offline ? null : capture,
        capture, null, 3, "status", clean(record.getStatus().getDetail(), 500), List.of());
  }

  /** Printable and at most {@code max} characters (PostgreSQL refuses NUL). */
  static String clean(String s, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
