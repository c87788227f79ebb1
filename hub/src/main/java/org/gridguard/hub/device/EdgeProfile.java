package org.gridguard.hub.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A gateway's edge profile: the mapping and rule keys of its pushed configuration the hub manages
 * (PROTOCOL.md §10). Each part is {@code null} when the hub does not manage that key — the
 * gateway's local file keeps its value — and otherwise replaces the file's key as a whole.
 *
 * @param mappingPresets {@code mapping.presets}: shipped preset names in order ({@code []} = none)
 * @param mappingRules {@code mapping.rules}: a YAML list of mapping rules, as written
 * @param deviceTypeRules {@code rules.device_types}: a YAML mapping of device type → rules
 * @param updatedAt null when never set
 * @param updatedBy username, null when never set
 */
record EdgeProfile(String gatewayId, List<String> mappingPresets, String mappingRules,
    String deviceTypeRules, Instant updatedAt, String updatedBy) {

  EdgeProfile {
    Objects.requireNonNull(gatewayId, "gatewayId");
    mappingPresets = mappingPresets == null ? null : List.copyOf(mappingPresets);
  }

  /** A gateway whose mapping and rules all come from its local file. */
  static EdgeProfile none(String gatewayId) {
    return new EdgeProfile(gatewayId, null, null, null, null, null);
  }

  /** Whether the hub manages any of the keys. */
  boolean managesAny() {
    return mappingPresets != null || mappingRules != null || deviceTypeRules != null;
  }
}
