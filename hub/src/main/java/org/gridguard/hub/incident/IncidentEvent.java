package org.gridguard.hub.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's timeline (append-only): seq 0 is the report, seq n the transition
 * that made version n.
 */
record IncidentEvent(long incidentId, int seq, Instant at, String actor, IncidentAction action,
    IncidentState fromState, IncidentState toState, String note, String detail) {
  static final int MAX_NOTE = 2000;

  IncidentEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(toState, "toState");
    if (note != null && note.length() > MAX_NOTE) {
      throw new IllegalArgumentException("note: at most " + MAX_NOTE + " characters");
    }
  }
}
