package org.gridguard.edge.alarm;

/**
 * An alarm that has begun (its BEGIN is in the spool) and not yet ended: everything its END
 * needs to carry the same id, begin time, rule, priority and category after a restart.
 *
 * @param holdMs the alarm ends by itself this long after its last trigger; 0 = only when its
 *     source says so
 * @param lastTriggerMs when it was last triggered (its begin, for sources without holds)
 */
public record OpenAlarm(AlarmKey key, String alarmId, long beginMs, String rule, int priority,
    int category, long holdMs, long lastTriggerMs) {
  public OpenAlarm {
    if (key == null) {
      throw new IllegalArgumentException("an open alarm needs its key");
    }
    if (alarmId == null || alarmId.isEmpty()) {
      throw new IllegalArgumentException("an open alarm needs its alarm id");
    }
    if (beginMs < 0 || holdMs < 0 || lastTriggerMs < 0) {
      throw new IllegalArgumentException("begin, hold and last trigger must not be negative, "
          + "were " + beginMs + ", " + holdMs + ", " + lastTriggerMs);
    }
    rule = rule == null ? "" : rule;
  }

  /** The same alarm, triggered again at {@code nowMs}, its hold the longer of both. */
  public OpenAlarm retriggered(long nowMs, long hold) {
    return new OpenAlarm(key, alarmId, beginMs, rule, priority, category,
        Math.max(holdMs, hold), nowMs);
  }
}
