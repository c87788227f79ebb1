package org.gridguard.hub.alarm;

import java.time.Instant;

/** Filters of the alarm list (all optional), with paging. */
record AlarmQuery(String state, String type, Integer priority, String gatewayId, String grid,
    Long incidentId, Instant from, Instant to, int page, int size) {}
