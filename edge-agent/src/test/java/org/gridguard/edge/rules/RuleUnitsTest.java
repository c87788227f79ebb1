package org.gridguard.edge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridguard.edge.units.Ucum;
import org.junit.jupiter.api.Test;

/** The built-in rules' units stay accepted by the UCUM check, and their conversions work. */
class RuleUnitsTest {
  @Test
  void known_everyRuleUnit_validAndKnownToTheUnitCheck() {
    assertThat(RuleUnits.KNOWN).isNotEmpty().allSatisfy(u -> {
      assertThat(Ucum.problem(u)).as(u).isNull();
      assertThat(Ucum.warning(u)).as(u).isNull();
    });
  }

  @Test
  void convert_readingUnitsMappingsMayDeclare_converted() {
    assertThat(RuleUnits.convert("m", "mm", 1200)).isCloseTo(1.2, within(1e-9));
    assertThat(RuleUnits.convert("A", "mA", 600)).isCloseTo(0.6, within(1e-9));
    assertThat(RuleUnits.convert("ppm", "ppb", 2000)).isCloseTo(2.0, within(1e-9));
    assertThat(RuleUnits.convert("deg", "rad", Math.PI)).isCloseTo(180, within(1e-9));
    // a payload's own unit (reading lists) is not refused by the config check: still converted
    assertThat(RuleUnits.convert("Cel", "°C", 21.5)).isEqualTo(21.5);
    assertThat(RuleUnits.convert("%/m", "%obs/m", 3)).isEqualTo(3);
  }
}
