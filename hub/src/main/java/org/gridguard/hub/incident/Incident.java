package org.gridguard.hub.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One incident row. Changed only through {@link IncidentWorkflow}: every change is a transition
 * of {@link Transitions} written with a version check.
 *
 * @param step the open step's clock; null in final states
 * @param due the whole case's clock from registration; null before it
 * @param suspendedFrom the state to resume into, exactly while SUSPENDED
 */
record Incident(long id, String category, int priority, String gridCode, Double lat, Double lon,
    String title, String description, Source source, String reporter, IncidentState state,
    int version, int escalationLevel, StepClock step, StepClock due, IncidentState suspendedFrom,
    Instant suspendedAt, Instant createdAt, Instant updatedAt, Instant acceptedAt,
    Instant closedAt) {
  /** Where the incident came from. */
  enum Source { MANUAL, ALARM }

  /** 0 = the village (grid), 1 = the town centre, 2 = the county centre. */
  static final int COUNTY_LEVEL = 2;

  Incident {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(gridCode, "gridCode");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(source, "source");
    if (priority < 1 || priority > 4) {
      throw new IllegalArgumentException("priority must be 1-4, was " + priority);
    }
    if ((lat == null) != (lon == null)) {
      throw new IllegalArgumentException("a location needs both lat and lon");
    }
    if ((state == IncidentState.SUSPENDED) != (suspendedFrom != null)) {
      throw new IllegalArgumentException("suspendedFrom is set exactly while SUSPENDED");
    }
    if (escalationLevel < 0 || escalationLevel > COUNTY_LEVEL) {
      throw new IllegalArgumentException("escalation level must be 0-2, was " + escalationLevel);
    }
  }

  Incident with(IncidentState newState, StepClock newStep, StepClock newDue,
      IncidentState newSuspendedFrom, Instant newSuspendedAt) {
    return new Incident(id, category, priority, gridCode, lat, lon, title, description, source,
        reporter, newState, version, escalationLevel, newStep, newDue, newSuspendedFrom,
        newSuspendedAt, createdAt, updatedAt, acceptedAt, closedAt);
  }

  /** The same incident with the id the database gave it. */
  Incident withId(long newId) {
    return new Incident(newId, category, priority, gridCode, lat, lon, title, description, source,
        reporter, state, version, escalationLevel, step, due, suspendedFrom, suspendedAt, createdAt,
        updatedAt, acceptedAt, closedAt);
  }

  /** The same incident classified anew (a correlation rule's category and priority). */
  Incident withClassification(String newCategory, int newPriority, String newTitle) {
    return new Incident(id, newCategory, newPriority, gridCode, lat, lon, newTitle, description,
        source, reporter, state, version, escalationLevel, step, due, suspendedFrom, suspendedAt,
        createdAt, updatedAt, acceptedAt, closedAt);
  }

  Incident withLevel(int level) {
    return new Incident(id, category, priority, gridCode, lat, lon, title, description, source,
        reporter, state, version, level, step, due, suspendedFrom, suspendedAt, createdAt,
        updatedAt, acceptedAt, closedAt);
  }

  Incident withTimes(Instant accepted, Instant closed) {
    return new Incident(id, category, priority, gridCode, lat, lon, title, description, source,
        reporter, state, version, escalationLevel, step, due, suspendedFrom, suspendedAt,
        createdAt, updatedAt, accepted, closed);
  }
}
