package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hub's judge of an edge profile: each rule, every problem with its path, all at once. */
class EdgeProfileValidatorTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EdgeProfileValidator validator = new EdgeProfileValidator(
      new EdgeProfileProperties(2048, 3, 2, 100), meters);

  static final String RULES = """
      # the village's own door controller
      - name: gate-door
        topic: village/door/+/event
        device_type: access_controller
        device_id: "{topic[2]}"
        event:
          code: $.evt
          codes: {"1": ACCESS_GRANTED}
      - name: river-gauge
        topic: village/river/#
        device_type: water_level
        device_id: WL-RIVER
        readings:
          - {metric: water_level, path: $.level_mm, convert: mm_to_m}
      """;

  static final String TYPES = """
      smoke:
        thresholds:
          - {metric: smoke_density, above: 0.3, clear_below: 0.2, debounce: 5s, type: SMOKE,
             priority: 1, category: 9102}
        expected_interval: 30m
      access_controller:
        door_held_open: 90s
        denied_swipes: {count: 5, within: 60s}
        rate_of_change:
          - {metric: temperature, max_per_minute: 5}
      """;

  List<ProfileProblem> problems(List<String> presets, String rules, String types) {
    try {
      validator.check(presets, rules, types);
    } catch (InvalidProfileException e) {
      return e.problems();
    }
    throw new AssertionError("accepted: " + presets + " / " + rules + " / " + types);
  }

  List<String> lines(List<String> presets, String rules, String types) {
    return problems(presets, rules, types).stream().map(ProfileProblem::toString).toList();
  }

  @Test
  void check_validProfile_keepsTheTextAndCounts() {
    EdgeProfileValidator.Checked c = validator.check(List.of("acme-access",
        "gridguard-canonical"), RULES, TYPES);

    assertThat(c.mappingPresets()).containsExactly("acme-access", "gridguard-canonical");
    assertThat(c.mappingRules()).isEqualTo(RULES).contains("# the village's own door");
    assertThat(c.deviceTypeRules()).isEqualTo(TYPES);
    assertThat(c.ruleCount()).isEqualTo(2);
    assertThat(c.deviceTypeCount()).isEqualTo(2);
    assertThat(meters.counter("gridguard.edge.profile.refused").count()).isZero();
  }

  @Test
  void check_blankTextsAndNullPresets_notManaged() {
    EdgeProfileValidator.Checked c = validator.check(null, "  \n", "");

    assertThat(c.mappingPresets()).isNull();
    assertThat(c.mappingRules()).isNull();
    assertThat(c.deviceTypeRules()).isNull();
  }

  @Test
  void check_crlfFromABrowser_storedWithLf() {
    assertThat(validator.check(null, "- name: a\r\n  topic: t\r\n  device_type: x\r\n"
        + "  device_id: y\r\n  readings: []\r\n", null).mappingRules())
        .doesNotContain("\r").contains("- name: a\n");
  }

  @Test
  void check_unknownAndDuplicatePreset_namesTheKnownOnes() {
    assertThat(lines(List.of("acme-access", "hikvision", "acme-access"), null, null))
        .containsExactly("mappingPresets[1]: unknown preset 'hikvision', known: "
            + "gridguard-canonical, acme-access, senscity-sensors",
            "mappingPresets[2]: 'acme-access' is chosen twice");
    assertThat(meters.counter("gridguard.edge.profile.refused").count()).isEqualTo(1);
  }

  @Test
  void check_noPresetsAndNoRules_refusedAsSubscribingToNothing() {
    assertThat(lines(List.of(), "[]", null)).singleElement().asString()
        .startsWith("mappingPresets: no presets and no mapping rules");
    // one of them alone leaves the rest to the gateway's file
    assertThat(validator.check(List.of(), null, null).mappingPresets()).isEmpty();
    assertThat(validator.check(null, "[]", null).mappingRules()).isEqualTo("[]");
  }

  @Test
  void check_notYaml_namesLineAndColumn() {
    assertThat(lines(null, "- name: a\n  topic: [unclosed\n", null)).singleElement().asString()
        .startsWith("mappingRules: not valid YAML at line ");
  }

  @Test
  void check_duplicateKey_refused() {
    assertThat(lines(null, null, "smoke: {expected_interval: 1m}\nsmoke: {}\n"))
        .singleElement().asString()
        .startsWith("deviceTypeRules: not valid YAML at line 2").contains("twice");
  }

  @Test
  void check_javaTypeTag_refusedBySafeConstructor() {
    assertThat(lines(null, "- !!javax.script.ScriptEngineManager [x]\n", null))
        .singleElement().asString().startsWith("mappingRules: not valid YAML");
  }

  @Test
  void check_overTheSizeCap_refusedWithTheKey() {
    String big = "- name: a\n  topic: t\n  device_type: x\n  device_id: y\n  readings: []\n"
        + "# " + "x".repeat(2100) + "\n";
    assertThat(lines(null, big, null)).singleElement().asString()
        .startsWith("mappingRules: at most 2048 bytes (gridguard.edge-profile.max-yaml-bytes)");
  }

  @Test
  void check_onlyComments_refusedAsEmpty() {
    assertThat(lines(null, "# nothing yet\n", null)).singleElement().asString()
        .startsWith("mappingRules: holds no YAML value");
  }

  @Test
  void check_rulesNotAList_hintsAtTheRulesKey() {
    assertThat(lines(null, "rules:\n  - name: a\n", null)).singleElement().asString()
        .startsWith("mappingRules: must be a YAML list of mapping rules")
        .endsWith("without the 'rules:' key");
  }

  @Test
  void check_tooManyRules_namesTheLimit() {
    String rule = "- {name: r%d, topic: t, device_type: x, device_id: y, readings: []}\n";
    String four = rule.formatted(1) + rule.formatted(2) + rule.formatted(3) + rule.formatted(4);
    assertThat(lines(null, four, null)).singleElement().asString()
        .isEqualTo("mappingRules: at most 3 rules (gridguard.edge-profile.max-rules), found 4");
  }

  @Test
  void check_badRules_everyProblemWithItsPath() {
    String rules = """
        - name: ok-rule
          topic: a/b
          device_type: x
          device_id: y
          readings: []
        - name: ok-rule
          topic: a/#/b
          device_type: x
          device_id: y
          event: {code: $.c}
          colour: red
        - topic: c/d+
          device_id: ""
          readings: {metric: t}
        """;
    assertThat(lines(null, rules, null)).containsExactly(
        "mappingRules[1].colour: unknown key (known: device_id, device_type, event, name, "
            + "reading_list, readings, rules, timestamp, topic, when)",
        "mappingRules[1].name: 'ok-rule' is already the name of mappingRules[0]; rule names are "
            + "unique",
        "mappingRules[1].topic: '#' must be a whole level and the last one, in 'a/#/b'",
        "mappingRules[2].name: required",
        "mappingRules[2].topic: '+' must be a whole level, in 'c/d+'",
        "mappingRules[2].device_type: required",
        "mappingRules[2].device_id: must not be empty",
        "mappingRules[2].readings: must be a list, found a mapping");
  }

  @Test
  void check_ruleNotAMappingAndNothingMapped_refused() {
    assertThat(lines(null, "- just text\n- {name: 'bad name', topic: t, device_type: x, "
        + "device_id: y}\n", null)).containsExactly(
        "mappingRules[0]: must be a mapping with name, topic, device_type, device_id and what to "
            + "map, found the text 'just text'",
        "mappingRules[1].name: must be 1-64 letters, digits, '_', '.' or '-' starting with a "
            + "letter or digit, was 'bad name'",
        "mappingRules[1]: maps nothing: give 'event', 'readings' or 'reading_list'");
  }

  @Test
  void check_badDeviceTypeRules_everyProblemWithItsPath() {
    String types = """
        Smoke: {}
        smoke:
          thresholds:
            - {metric: smoke_density, above: 0.3, clear_below: 0.4}
            - {metric: Smoke, below: 1, above: 2}
            - {metric: battery, below: low, clear_below: 3, priority: 7, category: 42,
               type: NOT_A_TYPE, debounce: 2h, colour: red}
          rate_of_change:
            - {metric: temperature}
            - {metric: temperature, max_per_minute: 0}
          expected_interval: 10 minutes
          denied_swipes: {count: 1, within: 60s}
          wat: 1
        """;
    assertThat(lines(null, null, types)).containsExactly(
        "deviceTypeRules.Smoke: a device type is lower-case letters, digits and _ (e.g. "
            + "water_level), found the text 'Smoke'",
        "deviceTypeRules.smoke.wat: unknown key (known: denied_swipes, door_held_open, "
            + "expected_interval, rate_of_change, thresholds)",
        "deviceTypeRules.smoke.thresholds[0].clear_below: must be on the safe side of the "
            + "trigger level 0.3 (hysteresis), was 0.4",
        "deviceTypeRules.smoke.thresholds[1].metric: must be snake_case (a-z, 0-9, _), was "
            + "'Smoke'",
        "deviceTypeRules.smoke.thresholds[1]: give exactly one of 'above' or 'below'",
        "deviceTypeRules.smoke.thresholds[2].colour: unknown key (known: above, below, category, "
            + "clear_above, clear_below, debounce, metric, priority, type, unit)",
        "deviceTypeRules.smoke.thresholds[2].priority: must be within [1, 4], was 7",
        "deviceTypeRules.smoke.thresholds[2].category: must be 0 (device fault) or a DOMAIN.md "
            + "code 9101-9105, 9201-9206, was 42",
        "deviceTypeRules.smoke.thresholds[2].below: must be a number, found the text 'low'",
        "deviceTypeRules.smoke.thresholds[2].clear_below: does not go with 'below'; use "
            + "clear_above",
        "deviceTypeRules.smoke.thresholds[2].debounce: must be between PT0S and PT1H, was 2h",
        "deviceTypeRules.smoke.thresholds[2].type: unknown alarm type 'NOT_A_TYPE' (e.g. "
            + "THRESHOLD, WATER_LEVEL, SMOKE)",
        "deviceTypeRules.smoke.rate_of_change[0].max_per_minute: required (negative = falling)",
        "deviceTypeRules.smoke.rate_of_change[1].max_per_minute: must not be 0 (negative = "
            + "falling)",
        "deviceTypeRules.smoke.expected_interval: must be a duration like 250ms, 5s, 10m, 2h or "
            + "7d, was '10 minutes'",
        "deviceTypeRules.smoke.denied_swipes.count: must be within [2, 1000], was 1");
  }

  @Test
  void check_deviceTypeRulesNotAMapping_refused() {
    assertThat(lines(null, null, "- smoke\n")).singleElement().asString()
        .startsWith("deviceTypeRules: must be a YAML mapping of device type → rules");
    assertThat(lines(null, null, "a: {}\nb: {}\nc: {}\n")).singleElement().asString()
        .isEqualTo("deviceTypeRules: at most 2 device types "
            + "(gridguard.edge-profile.max-device-types), found 3");
  }

  @Test
  void check_problemsOfAllParts_reportedTogether() {
    assertThatThrownBy(() -> validator.check(List.of("nope"), "{}", "[]"))
        .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.problems())
            .extracting(ProfileProblem::field)
            .containsExactly("mappingPresets[0]", "mappingRules", "deviceTypeRules"));
  }

  @Test
  void check_moreProblemsThanListed_countsTheRest() {
    EdgeProfileValidator few = new EdgeProfileValidator(new EdgeProfileProperties(65536, 200,
        100, 2), meters);
    assertThatThrownBy(() -> few.check(List.of("a", "b", "c", "d"), null, null))
        .isInstanceOfSatisfying(InvalidProfileException.class, e -> {
          assertThat(e.problems()).hasSize(2);
          assertThat(e.notListed()).isEqualTo(2);
          assertThat(e.getMessage()).endsWith("and 2 more problem(s)");
        });
  }
}
