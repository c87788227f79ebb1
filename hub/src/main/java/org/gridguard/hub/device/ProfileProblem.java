package org.gridguard.hub.device;

import java.util.Objects;

/**
 * One problem of an edge profile: where ({@code mappingRules[2].topic}, {@code mappingPresets[0]},
 * {@code deviceTypeRules.smoke.thresholds[0].above}) and why.
 */
public record ProfileProblem(String field, String reason) {
  public ProfileProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
