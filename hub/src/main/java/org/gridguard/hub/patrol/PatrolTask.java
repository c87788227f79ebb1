package org.gridguard.hub.patrol;

import java.time.Instant;
import java.util.Objects;

/**
 * One task row: an incident's dispatch round given to one member (or to nobody yet, while no one
 * is on duty). Changed only by conditional updates on its version ({@link TaskRepository}).
 *
 * @param round the incident's version after the DISPATCH or REWORK that made the round
 * @param step 0 if made by the dispatch, n if by escalation step n
 */
record PatrolTask(long id, long incidentId, int round, String username, String gridCode,
    String category, int priority, String title, Double lat, Double lon, TaskState state,
    int step, int version, String reason, String resolveNote, Double arrivalLat,
    Double arrivalLon, Instant createdAt, Instant updatedAt, Instant deliveredAt,
    Instant acceptedAt, Instant arrivedAt, Instant resolvedAt, Instant returnedAt,
    Instant withdrawnAt) {
  PatrolTask {
    Objects.requireNonNull(gridCode, "gridCode");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    if (priority < 1 || priority > 4) {
      throw new IllegalArgumentException("priority must be 1-4, was " + priority);
    }
  }

  /** What a new task copies from its incident. */
  record IncidentInfo(long id, int version, String gridCode, String category, int priority,
      String title, Double lat, Double lon, String state) {}

  /** The key that keeps one live task per member and incident (NULL once the task is over). */
  static String activeKey(long incidentId, String username) {
    return incidentId + "|" + (username == null ? "*" : username);
  }
}
