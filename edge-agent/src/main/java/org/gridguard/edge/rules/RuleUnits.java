package org.gridguard.edge.rules;

import java.util.List;
import java.util.Map;

/**
 * The units a rule can expect and the reading units it converts into them (linear factors
 * only, UCUM-style codes as the mappings write them). A reading in a unit that cannot be
 * converted is refused by the rule rather than compared blindly: 3.4 V is not 3.4 % battery,
 * and smoke in ppm is not obscuration in %/m.
 */
final class RuleUnits {
  /** expected unit → (reading unit → factor to multiply by). */
  private static final Map<String, Map<String, Double>> CONVERTIBLE = Map.of(
      "m", Map.of("m", 1.0, "cm", 0.01, "mm", 0.001),
      "A", Map.of("A", 1.0, "mA", 0.001),
      "%", Map.of("%", 1.0),
      "%/m", Map.of("%/m", 1.0, "%obs/m", 1.0),
      "%LEL", Map.of("%LEL", 1.0),
      "deg", Map.of("deg", 1.0, "°", 1.0, "rad", 180 / Math.PI),
      "ppm", Map.of("ppm", 1.0, "ppb", 0.001, "%", 10_000.0),
      "V", Map.of("V", 1.0, "mV", 0.001),
      "Cel", Map.of("Cel", 1.0, "°C", 1.0));

  /** Units a threshold or rate may declare ({@code unit:}). */
  static final List<String> KNOWN = CONVERTIBLE.keySet().stream().sorted().toList();

  private RuleUnits() {}

  /**
   * The value in the rule's unit; NaN when the reading's unit cannot be converted. A rule
   * without a unit, or a reading without one, compares the value as it is (the mapping is
   * trusted to have converted it; {@code --check} warns about such readings).
   */
  static double convert(String expected, String readingUnit, double value) {
    if (expected.isEmpty() || readingUnit.isEmpty() || expected.equals(readingUnit)) {
      return value;
    }
    Map<String, Double> from = CONVERTIBLE.get(expected);
    Double factor = from == null ? null : from.get(readingUnit);
    return factor == null ? Double.NaN : value * factor;
  }
}
