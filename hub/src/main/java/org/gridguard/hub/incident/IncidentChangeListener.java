package org.gridguard.hub.incident;

/**
 * Told of every incident transition inside the transaction that makes it, so what it writes
 * (a patrol task, a feed row) commits or rolls back together with the transition. It must not
 * block on anything but the database; throwing rolls the transition back.
 */
public interface IncidentChangeListener {
  void onChange(IncidentChange change);
}
