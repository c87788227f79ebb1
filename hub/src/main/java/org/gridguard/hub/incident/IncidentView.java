package org.gridguard.hub.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the REST API shows it. The list leaves out timeline, alarms and actions.
 *
 * @param step the open step's clock with its colour; absent in final states
 * @param due the case's clock (registration → closing)
 * @param source MANUAL or ALARM
 * @param actions what the caller may do now (action path names)
 */
public record IncidentView(long id, String category, int priority, String gridCode, Double lat,
    Double lon, String title, String description, String source, String reporter,
    IncidentState state, int version, int escalationLevel, ClockView step, ClockView due,
    IncidentState suspendedFrom, Instant createdAt, Instant updatedAt, Instant acceptedAt,
    Instant closedAt, Integer reworkCount, List<String> alarms, List<EventView> timeline,
    List<String> actions) {

  /**
   * @param limit the time allowed (ISO-8601 duration of the kind's time)
   * @param used share of the limit used (1.0 = at the deadline)
   * @param remaining while suspended, the time left
   */
  public record ClockView(Step step, LimitKind kind, String limit, Instant deadline,
      StepClock.Colour colour, double used, boolean suspended, String remaining) {
    static ClockView of(StepClock c, WorkingTime time, Instant now) {
      if (c == null) {
        return null;
      }
      double used = Math.round(c.used(time, now) * 1000) / 1000.0;
      return new ClockView(c.step(), c.kind(), c.limit().toString(), c.deadline(),
          c.colour(time, now), used, c.suspended(),
          c.remaining() == null ? null : c.remaining().toString());
    }
  }

  public record EventView(int seq, Instant at, String actor, String action, IncidentState from,
      IncidentState to, String note, String detail) {
    static EventView of(IncidentEvent e) {
      return new EventView(e.seq(), e.at(), e.actor(), e.action().pathName(), e.fromState(),
          e.toState(), e.note(), e.detail());
    }
  }

  static IncidentView summary(Incident i, WorkingTime time, Instant now) {
    return of(i, time, now, null, null, null, null);
  }

  static IncidentView of(Incident i, WorkingTime time, Instant now, Integer reworkCount,
      List<String> alarms, List<EventView> timeline, List<String> actions) {
    return new IncidentView(i.id(), i.category(), i.priority(), i.gridCode(), i.lat(), i.lon(),
        i.title(), i.description(), i.source().name(), i.reporter(), i.state(), i.version(),
        i.escalationLevel(), ClockView.of(i.step(), time, now), ClockView.of(i.due(), time,
            i.closedAt() != null ? i.closedAt() : now),
        i.suspendedFrom(), i.createdAt(), i.updatedAt(), i.acceptedAt(), i.closedAt(),
        reworkCount, alarms, timeline, actions);
  }
}
