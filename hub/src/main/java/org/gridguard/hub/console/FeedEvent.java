package org.gridguard.hub.console;

import java.util.Objects;
import org.gridguard.hub.incident.IncidentChange;

/**
 * What a live page is told about a committed incident change: enough to refresh its list and to
 * ring for a new dispatch, nothing a page could not read anyway (the page fetches the details
 * itself, through the scoped service).
 *
 * @param gridCode used to pick the streams whose scope covers it; not sent
 */
record FeedEvent(long incidentId, int version, String gridCode, int priority, String action,
    String to) {
  FeedEvent {
    Objects.requireNonNull(gridCode, "gridCode");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(to, "to");
  }

  static FeedEvent of(IncidentChange c) {
    return new FeedEvent(c.incidentId(), c.version(), c.gridCode(), c.priority(),
        c.action().pathName(), c.to().name());
  }

  /** The SSE data line (JSON; all values are numbers or fixed enum names, no escaping needed). */
  String json() {
    return "{\"id\":" + incidentId + ",\"version\":" + version + ",\"priority\":" + priority
        + ",\"action\":\"" + action + "\",\"to\":\"" + to + "\"}";
  }
}
