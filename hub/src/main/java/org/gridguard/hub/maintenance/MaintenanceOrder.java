package org.gridguard.hub.maintenance;

import java.time.Instant;

/**
 * A maintenance order (运维工单) for the technicians of a grid: about a whole gateway
 * ({@code deviceId} empty) or one device.
 *
 * @param kind GATEWAY_OFFLINE, GATEWAY_OUTAGE (several devices lost at once), DEVICE_OFFLINE or
 *     DEVICE_FAULT (degraded: covered camera, low battery, …)
 * @param closeReason RECOVERED (closed by the hub when the subject was healthy again) or
 *     TECHNICIAN (closed by hand with a note); null while open
 */
public record MaintenanceOrder(long id, String gatewayId, String deviceId, String gridCode, String kind,
    String state, String cause, Instant openedAt, Instant closedAt, String closedBy,
    String closeReason, String closeNote) {}
