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

  /**
   * Joins {@code alarm} to the open incident {@code incidentId} because correlation rule
   * {@code rule} found they belong together: the alarm is linked to it (shown in its alarm list),
   * a CORRELATE event is written, and the incident takes the alarm's category and priority if
   * they differ and the priority is not lower — a door-forced incident joined by night motion
   * becomes an intrusion; a P1 life-safety incident still REPORTED goes the fast path. If the
   * alarm already belongs to an incident, nothing changes. If {@code incidentId} is closed,
   * voided or gone, the alarm gets a new incident of its own, as {@link #fromAlarm} would.
   *
   * @return the incident the alarm belongs to
   * @throws IllegalArgumentException if the category or the grid does not exist
   */
  long attach(long incidentId, AlarmRef alarm, String rule);
}
