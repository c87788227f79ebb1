package org.gridguard.hub.patrol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON of a feed row, small on purpose (a phone on a weak link): what changed, the task and
 * incident, where, and when.
 *
 * @param change what happened: new, delivered, accepted, arrived, note, photo, resolved,
 *     returned, withdrawn, reassigned (tasks); unassigned, escalated (a task not accepted in
 *     time), returned, incident_escalated (the incident went up a level) (dispatcher alerts)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FeedPayload(String change, Long taskId, long incidentId, String category, int priority,
    String title, String grid, Double lat, Double lon, String state, String at, String reason,
    String member) {
  static FeedPayload of(String change, PatrolTask t, String at, String reason) {
    return new FeedPayload(change, t.id(), t.incidentId(), t.category(), t.priority(),
        truncate(t.title()), t.gridCode(), t.lat(), t.lon(), t.state().name(), at,
        truncate(reason), t.username());
  }

  static FeedPayload alert(String change, PatrolTask.IncidentInfo i, Long taskId, String at,
      String reason, String member) {
    return new FeedPayload(change, taskId, i.id(), i.category(), i.priority(), truncate(i.title()),
        i.gridCode(), i.lat(), i.lon(), null, at, truncate(reason), member);
  }

  /** Titles and reasons are cut so a row stays well inside the 2,000-character payload column. */
  private static String truncate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 299) + "…";
  }
}
