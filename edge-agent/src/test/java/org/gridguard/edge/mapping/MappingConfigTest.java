package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MappingConfigTest {

  @Test
  void from_badRules_listsEveryProblemWithItsPath() {
    var problems = MappingFixtures.problems("""
        credential_salt: short
        presets: [acme-access, hikvision]
        max_payload_bytes: 10GiB
        dead_letter: {path: /tmp/x.jsonl, max_files: 0, colour: red}
        rules:
          - name: ok
            topic: a/+/b
            device_type: door
            device_id: "{topic[1]}"
            event: {code: $.evt, codes: {"1": ACCESS_GRANTED}}
          - name: broken
            topic: a/#/b
            device_type: door
            device_id: "{topic[x]}"
            timestamp: {path: $.t, format: pattern, zone: Mars/Olympus}
            event: {code: "$.evt[", codes: {"1": ACCESS_MAYBE}}
            readings:
              - {metric: Temperature, path: $.t, convert: kelvin}
              - {path: $.u, type: colour}
          - name: empty
            topic: c
            device_type: x
        """).list();
    assertThat(problems).contains(
        "credential_salt: must have at least 8 characters",
        "presets[1]: unknown preset 'hikvision', known: [gridguard-canonical, acme-access, senscity-sensors]",
        "max_payload_bytes: must be within [64, 16777216] bytes, was 10737418240",
        "dead_letter.max_files: must be within [1, 100], was 0",
        "dead_letter.colour: unknown key",
        "rules[1].topic: '#' must be a whole level and the last one, in 'a/#/b'",
        "rules[1].device_id: a topic level is written {topic[N]} (N from 0), found '{topic[x]}'",
        "rules[1].timestamp.pattern: is required with format: pattern (e.g. 'yyyy-MM-dd HH:mm:ss')",
        "rules[1].timestamp.zone: unknown time zone 'Mars/Olympus' (use +08:00 or Asia/Shanghai)",
        "rules[1].event.code: unclosed '[' at character 5 of '$.evt['",
        "rules[1].event.codes.1: unknown event kind 'ACCESS_MAYBE' (e.g. ACCESS_GRANTED, DOOR_FORCED, SMOKE_ALARM, OTHER, or NONE for no event)",
        "rules[1].readings[0].convert: unknown conversion 'kelvin', known: [none, f_to_c, mm_to_m, cm_to_m, ma_to_a, kpa_to_mpa, pa_to_kpa]",
        "rules[1].readings[0].metric: must be snake_case (a-z, 0-9, _), was 'Temperature'",
        "rules[1].readings[1].metric: is required",
        "rules[1].readings[1].type: must be one of [number, integer, flag, text], was 'colour'",
        "rules[2].device_id: is required",
        "rules[2]: maps nothing: give 'event', 'readings' or 'reading_list'");
    assertThat(problems).noneMatch(p -> p.startsWith("rules[0]"));
  }

  @Test
  void from_noRulesNoPresets_isAProblem() {
    assertThat(MappingFixtures.problems("credential_salt: long-enough-salt\n").list())
        .contains("rules: no mapping rules and no presets: nothing would be subscribed");
  }

  @Test
  void from_configuredRulesComeBeforePresets_soTheyOverride() {
    MappingConfig config = MappingFixtures.config("""
        credential_salt: long-enough-salt
        presets: [acme-access]
        rules:
          - {name: mine, topic: acme/access/+/event, device_type: door, device_id: $.sn,
             event: {code: $.evt, unknown_code: OTHER}}
        """);
    assertThat(config.rules().get(0).name()).isEqualTo("mine");
    assertThat(config.rules()).hasSizeGreaterThan(1);
  }
}
