package org.gridguard.edge.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RulesConfigTest {
  private static RulesConfig parse(String yaml, ConfigProblems problems) {
    return RulesConfig.from(ConfigNode.root(new Yaml().load(yaml), problems));
  }

  @Test
  void from_overrides_resolveDeviceOverTypeOverBuiltIn() {
    ConfigProblems problems = new ConfigProblems();
    RulesConfig config = parse("""
        tick: 500ms
        device_types:
          access_controller:
            door_held_open: 2m
        devices:
          ac-vip:
            denied_swipes: {count: 3, within: 30s}
            thresholds:
              - {metric: battery, below: 30, clear_above: 40, type: LOW_BATTERY_LEVEL, priority: 4, category: 0}
        """, problems);
    assertThat(problems.list()).isEmpty();
    DeviceRules vip = config.rulesFor("ac-vip", "access_controller");
    assertThat(vip.doorHeldOpen()).isEqualTo(Duration.ofMinutes(2));
    assertThat(vip.denials()).isEqualTo(new DenialSpec(3, Duration.ofSeconds(30)));
    assertThat(vip.expectedInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(vip.thresholds().get(0).trigger()).isEqualTo(30);
    DeviceRules other = config.rulesFor("ac-2", "access_controller");
    assertThat(other.denials()).isEqualTo(new DenialSpec(5, Duration.ofSeconds(60)));
    assertThat(other.thresholds()).containsExactly(BuiltInDefaults.LOW_BATTERY);
  }

  @Test
  void from_badEntries_listsProblemsWithPaths() {
    ConfigProblems problems = new ConfigProblems();
    parse("""
        tick: fast
        device_types:
          water_level:
            thresholds:
              - {metric: water_level, above: 1.0, clear_below: 1.2, category: 9999}
              - {metric: water_level, type: FLOOD}
            rate_of_change:
              - {metric: water_level}
            expected_intervl: 10m
        """, problems);
    assertThat(problems.list()).contains(
        "tick: must be a duration like 250ms, 5s, 10m, 2h or 7d, found 'fast'",
        "device_types.water_level.thresholds[0].category: must be 0 (device fault) or a DOMAIN.md code 9101-9105, 9201-9206, was 9999",
        "device_types.water_level.thresholds[0].clear_below: must be on the safe side of the trigger level 1.0 (hysteresis), was 1.2",
        "device_types.water_level.thresholds[1]: give exactly one of 'above' or 'below'",
        "device_types.water_level.thresholds[1].type: unknown alarm type 'FLOOD' (e.g. THRESHOLD, WATER_LEVEL, SMOKE)",
        "device_types.water_level.rate_of_change[0].max_per_minute: is required and must not be 0 (negative = falling)",
        "device_types.water_level.expected_intervl: unknown key");
  }

  @Test
  void from_thresholdUnit_knownKeptUnknownRefused() {
    ConfigProblems problems = new ConfigProblems();
    RulesConfig c = parse("""
        device_types:
          water_level:
            thresholds:
              - {metric: water_level, above: 1.0, unit: m}
              - {metric: water_level, above: 100, unit: furlong}
        """, problems);
    assertThat(problems.list()).singleElement().asString().startsWith(
        "device_types.water_level.thresholds[1].unit: unknown unit 'furlong', known: [");
    assertThat(c.rulesFor("x", "water_level").thresholds().get(0).unit()).isEqualTo("m");
  }
}
