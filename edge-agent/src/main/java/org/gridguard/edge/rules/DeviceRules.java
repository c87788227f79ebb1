package org.gridguard.edge.rules;

import java.time.Duration;
import java.util.List;

/**
 * The rules for one device type or one device. A device's own entry replaces, section by
 * section, what its type's defaults say ({@code null} / absent = inherit).
 */
record DeviceRules(List<ThresholdSpec> thresholds, List<RateSpec> rates,
    Duration expectedInterval, Duration doorHeldOpen, DenialSpec denials) {

  static final DeviceRules NONE = new DeviceRules(null, null, null, null, null);

  DeviceRules {
    thresholds = thresholds == null ? null : List.copyOf(thresholds);
    rates = rates == null ? null : List.copyOf(rates);
  }

  /** This entry with every absent section taken from {@code base}. */
  DeviceRules over(DeviceRules base) {
    return new DeviceRules(
        thresholds != null ? thresholds : base.thresholds,
        rates != null ? rates : base.rates,
        expectedInterval != null ? expectedInterval : base.expectedInterval,
        doorHeldOpen != null ? doorHeldOpen : base.doorHeldOpen,
        denials != null ? denials : base.denials);
  }

  List<ThresholdSpec> thresholdsOrEmpty() {
    return thresholds == null ? List.of() : thresholds;
  }

  List<RateSpec> ratesOrEmpty() {
    return rates == null ? List.of() : rates;
  }
}
