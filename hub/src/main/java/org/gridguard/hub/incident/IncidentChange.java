package org.gridguard.hub.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed-with-the-caller transition of an incident, as {@link IncidentChangeListener}s see
 * it: enough to dispatch patrols, push feeds or notify a dispatcher without reading the incident
 * again.
 *
 * @param incidentId the incident
 * @param version the incident's version after the change (= the timeline event's seq)
 * @param gridCode the incident's grid (15 digits) after the change
 * @param category four-digit category code
 * @param priority 1 (highest) – 4
 * @param action what happened
 * @param from the state before
 * @param to the state after
 * @param actor who did it ({@code system} for the P1 fast path and the sweep)
 * @param note the note given with the action, or null
 * @param detail machine-written detail (e.g. "target grid …", "level 1 (town centre)"), or null
 * @param at when
 */
public record IncidentChange(long incidentId, int version, String gridCode, String category,
    int priority, IncidentAction action, IncidentState from, IncidentState to, String actor,
    String note, String detail, Instant at) {
  public IncidentChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
  }
}
