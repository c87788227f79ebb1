package org.gridguard.hub.incident;

/**
 * Where alarms become incidents. The alarm package calls it inside its own transaction, so an
 * alarm and its incident commit together.
 */
public interface IncidentIntake {
  /**
   * The incident of {@code alarm}: a new one (routed to the grid whose polygon contains the
   * alarm's location, else the alarm's grid; P1 life-safety categories registered and dispatched
   * at once), or the existing one when this alarm key has been taken in before — by this thread,
   * another thread or another hub instance: a unique constraint on the alarm key decides, not a
   * lock.
   *
   * @return the incident id
   * @throws IllegalArgumentException if the category or the grid does not exist
   */
  long fromAlarm(AlarmRef alarm);
}
