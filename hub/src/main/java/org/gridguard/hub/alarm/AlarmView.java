package org.gridguard.hub.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alarm as the API shows it. {@code stormCounts} (folded alarms per type) only for STORM
 * summaries, {@code history} only on {@code GET /api/v1/alarms/{id}}.
 */
record AlarmView(long id, String gatewayId, String deviceId, String type, String zone,
    String category, int priority, String gridCode, Double lat, Double lon, Instant firstAt,
    Instant lastAt, Instant endAt, long occurrences, List<String> evidenceIds,
    List<String> edgeAlarmIds, String rule, String detail, String state, String acknowledgedBy,
    Instant acknowledgedAt, String falseBy, Instant falseAt, String falseNote, Long incidentId,
    String incidentNote, String correlation, Long outageId, Map<String, Long> stormCounts,
    List<HistoryView> history) {

  record HistoryView(Instant at, String action, String actor, String edgeAlarmId,
      Instant captureAt, String note) {}

  AlarmView with(Map<String, Long> storm, List<HistoryView> history) {
    return new AlarmView(id, gatewayId, deviceId, type, zone, category, priority, gridCode, lat,
        lon, firstAt, lastAt, endAt, occurrences, evidenceIds, edgeAlarmIds, rule, detail, state,
        acknowledgedBy, acknowledgedAt, falseBy, falseAt, falseNote, incidentId, incidentNote,
        correlation, outageId, storm, history);
  }

  /** One page of the list. */
  record Page(List<AlarmView> items, long total, int page, int size) {}

  /** False-alarm rates over a period: per device and per type. */
  record FalseRates(Instant from, Instant to, List<Rate> byDevice, List<Rate> byType) {}

  /**
   * @param gatewayId with {@code deviceId} for a device row; null in a type row
   * @param type the type of a type row; null in a device row
   * @param rate falseAlarms / alarms (0 when there were none)
   */
  record Rate(String gatewayId, String deviceId, String type, long alarms, long falseAlarms,
      double rate) {}
}
