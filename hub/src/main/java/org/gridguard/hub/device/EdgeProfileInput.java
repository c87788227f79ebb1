package org.gridguard.hub.device;

import java.util.List;

/**
 * The body of {@code PUT /api/v1/gateways/{id}/edge-profile}: each part left out or {@code null}
 * is not managed by the hub (the gateway's local file keeps it). Judged by
 * {@link EdgeProfileValidator}.
 *
 * @param mappingPresets preset names in order; {@code []} = managed, none
 * @param mappingRules a YAML list of mapping rules; {@code "[]"} = managed, none
 * @param deviceTypeRules a YAML mapping of device type → rules; {@code "{}"} = managed, none
 */
public record EdgeProfileInput(List<String> mappingPresets, String mappingRules,
    String deviceTypeRules) {}
