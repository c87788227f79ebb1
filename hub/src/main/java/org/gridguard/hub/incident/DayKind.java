package org.gridguard.hub.incident;

/** A calendar date's kind where it differs from Monday–Friday work (holidays, 调休 workdays). */
public enum DayKind {
  WORKDAY, HOLIDAY
}
