package org.gridguard.hub.patrol;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbox row: the {@code seq}-th change for {@code username}. Pushed as an SSE event with
 * {@code id = seq}, {@code event = kind} (lower case) and {@code data = payload}.
 */
public record FeedRow(String username, long seq, Instant at, Kind kind, Long taskId,
    Long incidentId, String payload) {
  /** TASK: a change of one of the user's tasks; ALERT: something a dispatcher must act on. */
  public enum Kind { TASK, ALERT }

  public FeedRow {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, was " + seq);
    }
  }
}
