package org.gridguard.hub.incident;

/**
 * Filters of the incident list; null means any.
 *
 * @param grid a grid node code; incidents in it and below it
 * @param overdue whether the open step's deadline has passed
 */
public record IncidentQuery(IncidentState state, Integer priority, String category, String grid,
    Boolean overdue, StepClock.Colour colour, int page, int size) {}
