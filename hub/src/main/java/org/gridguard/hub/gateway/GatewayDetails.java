package org.gridguard.hub.gateway;

import java.time.Instant;

/**
 * What the registry knows about a gateway beyond its credential: where it is (set by a
 * technician), what the edge reported (software version, last seen), and its configuration's
 * desired and applied versions with the edge's last answer to a push.
 *
 * @param configVersion desired version; bumped with every change of the gateway's edge config
 * @param appliedConfigVersion the last version the edge applied, or null
 * @param configResultVersion the version of the edge's last answer, or null
 * @param configResultOk whether that answer was ok, or null
 * @param configResultMessage the edge's problems (or "ok"), or null
 */
public record GatewayDetails(String id, String gridCode, boolean revoked, String address,
    Double lat, Double lon, String notes, String softwareVersion, Instant lastSeenAt,
    long configVersion, Long appliedConfigVersion, Long configResultVersion,
    Boolean configResultOk, String configResultMessage, Instant configResultAt) {}
