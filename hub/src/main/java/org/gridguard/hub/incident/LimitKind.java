package org.gridguard.hub.incident;

/**
 * How a time limit is counted: round the clock (紧急工作时), in working hours of the calendar
 * (工作时), or in working days (工作日; one working day is the day's work periods, 7.5 h by
 * default, so half a day is 3.75 working hours wherever it starts).
 */
public enum LimitKind {
  URGENT_HOURS, WORKING_HOURS, WORKING_DAYS
}
