package org.gridguard.hub.incident;

/** A condition a transition's input must meet besides state and role. */
enum Guard {
  NONE,
  /** The note says why (a return, a void, a rework, a suspension, a report back). */
  NOTE_REQUIRED,
  /** A note and a positive duration (an extension). */
  NOTE_AND_DURATION_REQUIRED,
  /** The incident is below the county level. */
  BELOW_COUNTY
}
