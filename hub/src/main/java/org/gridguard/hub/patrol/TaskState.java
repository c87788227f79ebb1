package org.gridguard.hub.patrol;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a patrol task is: NEW (made, not yet on the phone) → DELIVERED (the phone's receipt) →
 * ACCEPTED (签收) → ARRIVED (on site, with the phone's location) → RESOLVED; or RETURNED by the
 * member with a reason, or WITHDRAWN by the hub (incident voided, closed, accepted by someone
 * else, reassigned).
 */
enum TaskState {
  NEW, DELIVERED, ACCEPTED, ARRIVED, RESOLVED, RETURNED, WITHDRAWN;

  /** States in which the task still asks something of its member. */
  static final Set<TaskState> LIVE = EnumSet.of(NEW, DELIVERED, ACCEPTED, ARRIVED);
  /** Not yet accepted: escalation looks at these. */
  static final Set<TaskState> UNACCEPTED = EnumSet.of(NEW, DELIVERED);

  boolean live() {
    return LIVE.contains(this);
  }

  /** The column holding the time the task entered this state, or null for NEW. */
  String timeColumn() {
    return switch (this) {
      case NEW -> null;
      case DELIVERED -> "delivered_at";
      case ACCEPTED -> "accepted_at";
      case ARRIVED -> "arrived_at";
      case RESOLVED -> "resolved_at";
      case RETURNED -> "returned_at";
      case WITHDRAWN -> "withdrawn_at";
    };
  }
}
