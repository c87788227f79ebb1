package org.gridguard.hub.patrol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A task as the API shows it; notes and photos only in the single-task view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TaskView(long id, long incidentId, int round, String username, String gridCode,
    String category, int priority, String title, Double lat, Double lon, String state, int step,
    String reason, String resolveNote, Double arrivalLat, Double arrivalLon, Instant createdAt,
    Instant deliveredAt, Instant acceptedAt, Instant arrivedAt, Instant resolvedAt,
    Instant returnedAt, Instant withdrawnAt, List<TaskRepository.Note> notes,
    List<PhotoView> photos) {
  record PhotoView(long id, String contentType, long size, String sha256, Instant at,
      boolean purged) {}

  static TaskView of(PatrolTask t) {
    return of(t, null, null);
  }

  static TaskView of(PatrolTask t, List<TaskRepository.Note> notes, List<PhotoView> photos) {
    return new TaskView(t.id(), t.incidentId(), t.round(), t.username(), t.gridCode(),
        t.category(), t.priority(), t.title(), t.lat(), t.lon(), t.state().name(), t.step(),
        t.reason(), t.resolveNote(), t.arrivalLat(), t.arrivalLon(), t.createdAt(),
        t.deliveredAt(), t.acceptedAt(), t.arrivedAt(), t.resolvedAt(), t.returnedAt(),
        t.withdrawnAt(), notes, photos);
  }
}
