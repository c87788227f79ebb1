package org.gridguard.hub.device;

import java.time.Instant;
import java.util.List;

/**
 * A gateway's edge profile as the API shows it; a {@code null} part is a key the hub does not
 * manage (the gateway's local file keeps its value).
 *
 * @param mappingPresets {@code mapping.presets}, in order
 * @param mappingRules {@code mapping.rules} as YAML text, as it was written
 * @param deviceTypeRules {@code rules.device_types} as YAML text, as it was written
 * @param updatedAt null when never set
 * @param updatedBy null when never set
 */
public record EdgeProfileView(String gatewayId, List<String> mappingPresets,
    String mappingRules, String deviceTypeRules, Instant updatedAt, String updatedBy) {

  static EdgeProfileView of(EdgeProfile p) {
    return new EdgeProfileView(p.gatewayId(), p.mappingPresets(), p.mappingRules(),
        p.deviceTypeRules(), p.updatedAt(), p.updatedBy());
  }
}
