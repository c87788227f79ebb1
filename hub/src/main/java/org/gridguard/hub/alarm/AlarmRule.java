package org.gridguard.hub.alarm;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One correlation rule (alarm-rules.yml), validated by {@link AlarmRulesLoader}.
 *
 * @param kind ALL_OF: one alarm of every member within {@code window} on one gateway makes one
 *     incident of {@code category}/{@code priority}; OUTAGE: at least {@code minDevices}
 *     devices of one gateway with an active member alarm that began within {@code window} make
 *     one outage row (no incident)
 * @param nightFrom with {@code nightTo}: the rule only fires for alarms beginning in this local
 *     window (may wrap midnight), else both null
 */
record AlarmRule(String name, Kind kind, Duration window, List<Member> members,
    String category, int priority, LocalTime nightFrom, LocalTime nightTo, int minDevices) {
  enum Kind { ALL_OF, OUTAGE }

  /**
   * Alarms of one of {@code types}; with {@code metric}, only those whose edge rule names that
   * metric (THRESHOLD alarms say {@code threshold:<metric>}).
   */
  record Member(Set<String> types, String metric) {
    Member {
      types = Set.copyOf(types);
    }

    boolean matches(String type, String rule) {
      return types.contains(type) && (metric == null || (rule != null
          && (rule.equals(metric) || rule.endsWith(":" + metric))));
    }
  }

  AlarmRule {
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
  }

  /** The member {@code type}/{@code rule} matches, or -1. */
  int memberOf(String type, String rule) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).matches(type, rule)) {
        return i;
      }
    }
    return -1;
  }

  boolean atNight(Instant at, ZoneId zone) {
    if (nightFrom == null) {
      return true;
    }
    LocalTime t = at.atZone(zone).toLocalTime();
    return nightFrom.isBefore(nightTo)
        ? !t.isBefore(nightFrom) && t.isBefore(nightTo)
        : !t.isBefore(nightFrom) || t.isBefore(nightTo);
  }
}
