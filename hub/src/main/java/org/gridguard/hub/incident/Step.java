package org.gridguard.hub.incident;

/**
 * A timed part of the workflow; each has a time limit per category and priority. {@code CASE}
 * is the whole case from registration to closing (for the on-time closure rate), not a state's.
 */
public enum Step {
  VERIFY, DISPATCH, ACCEPT, HANDLE, CHECK, CASE
}
