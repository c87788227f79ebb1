package org.gridguard.hub.patrol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A patrol team of a village or grid, with its members in order, weekly shifts and one-off
 * changes.
 */
record Team(long id, String name, String gridCode, Instant createdAt, List<String> members,
    List<Shift> shifts, List<RosterChange> changes) {
  Team {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(gridCode, "gridCode");
    members = List.copyOf(members);
    shifts = List.copyOf(shifts);
    changes = List.copyOf(changes);
  }

  /** A one-off change: {@code username} on duty (ADD) or off duty (REMOVE) for [from, until). */
  record RosterChange(long id, String username, Kind kind, Instant from, Instant until,
      String note, String createdBy) {
    enum Kind { ADD, REMOVE }

    RosterChange {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(kind, "kind");
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException("until: must be after from (" + from + "), was "
            + until);
      }
    }
  }

  /** Someone on duty: member, team, team's grid node. */
  record OnDuty(String username, long teamId, String teamName, String gridCode) {}
}
