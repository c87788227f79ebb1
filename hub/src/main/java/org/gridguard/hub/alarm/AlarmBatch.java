package org.gridguard.hub.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the intake knows while it works through one batch of one gateway, inside the batch's
 * transaction: the active alarms it has read or made (written once at the end), the history
 * rows to insert, the storm counters it holds. Not shared between threads.
 */
final class AlarmBatch {
  final String gatewayId;
  final Instant now;
  /** Per dedup key: the active alarm, or empty once known to have none. */
  private final Map<String, Optional<AlarmRepository.Active>> actives = new LinkedHashMap<>();
  final List<AlarmRepository.History> history = new ArrayList<>();
  /** Storm counters of this batch: key → {count after this batch, not yet written}. */
  final Map<StormControl.Bucket, int[]> rates = new HashMap<>();
  /** Storm summary alarm id → type → folded in this batch. */
  final Map<Long, Map<String, Integer>> folded = new HashMap<>();
  /** New alarms' incidents, stored once for the batch ({@link AlarmRepository#setIncidents}). */
  final List<AlarmRepository.Link> links = new ArrayList<>();
  /** The gateway's grid, once looked up (empty string: gateway not registered). */
  String gatewayGrid;

  AlarmBatch(String gatewayId, Instant now) {
    this.gatewayId = gatewayId;
    this.now = now;
  }

  /** The active alarm of {@code key}: from this batch, else {@code load}ed once. */
  Optional<AlarmRepository.Active> active(String key,
      java.util.function.Function<String, Optional<AlarmRepository.Active>> load) {
    return actives.computeIfAbsent(key, load);
  }

  /** Records what a prefetch found: each of {@code keys} active as in {@code found}, or not. */
  void prefetched(java.util.Collection<String> keys, Map<String, AlarmRepository.Active> found) {
    for (String key : keys) {
      actives.put(key, Optional.ofNullable(found.get(key)));
    }
  }

  void put(String key, AlarmRepository.Active a) {
    actives.put(key, Optional.ofNullable(a));
  }

  Iterable<Optional<AlarmRepository.Active>> actives() {
    return actives.values();
  }

  /** Notes an alarm's incident (or why it has none), written with the batch. */
  void link(long alarmId, Long incidentId, String note, String correlation) {
    links.add(new AlarmRepository.Link(alarmId, incidentId, note, correlation));
  }

  void history(long alarmId, String action, AlarmInput in, String note) {
    history.add(new AlarmRepository.History(alarmId, now, action,
        "gateway:" + gatewayId, in == null ? null : in.edgeAlarmId(),
        in == null ? null : in.capture(), note));
  }
}
