package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --map runs one payload through mappings and rules offline; --check warns about likely slips. */
class MapCommandTest {
  private static final String CONFIG = MapFixture.HEAD + """
        rules:
          - name: manhole-lora
            topic: lora/+/up
            device_type: manhole_cover
            device_id: "{topic[1]}"
            readings:
              - {metric: tilt_angle, path: $.tilt}
              - {metric: tilt, path: $.tilt2, optional: true}
          - name: gauge-raw
            topic: raw/+/up
            device_type: water_level
            device_id: "{topic[1]}"
            readings:
              - path: $.data
                decode:
                  encoding: hex
                  fields:
                    - {metric: water_level, byte: 0, type: u16be, convert: mm_to_m, unit: m}
                    - {metric: battery, byte: 2, type: u8, unit: "%"}
          - name: cover-raw
            topic: rawcover/+/up
            device_type: manhole_cover
            device_id: "{topic[1]}"
            readings:
              - path: $.data
                decode:
                  encoding: hex
                  fields:
                    - {metric: state, byte: 0, type: u8, reading: false}
                    - {metric: battery, byte: 1, type: u8, unit: "%"}
            event:
              code: "{decoded.state}"
              codes: {"0": MANHOLE_RESTORED, "1": MANHOLE_TILT}
      """;

  private static String run(String topic, String payload, int expectedExit) throws Exception {
    return MapFixture.map(CONFIG, topic, payload, expectedExit);
  }

  @Test
  void run_tiltAboveDefault_printsRecordAndTickAlarmAfterDebounce() throws Exception {
    String out = run("lora/mh-7/up", "{\"tilt\": 40}", 0);
    assertThat(out).contains("mapped by rule 'manhole-lora' into 1 record(s):")
        .contains("metric: \"tilt_angle\" number: 40.0")
        .contains("rules on this message: 1 record(s)") // ONLINE status
        .contains("rules after 60 s with no further message: 1 record(s)")
        .contains("type: MANHOLE_COVER phase: BEGIN");
  }

  @Test
  void run_unmappable_printsDeadLetterReasonAndExits3() throws Exception {
    String out = run("lora/mh-7/up", "{\"tilt\": \"leaning\"}", MapCommand.EXIT_NOT_MAPPED);
    assertThat(out).startsWith("DEAD-LETTERED: $.tilt: expected a number, found \"leaning\"");
  }

  @Test
  void run_binaryLayout_printsDecodedReadingsAndFieldsBeyondTheEnd() throws Exception {
    String out = run("raw/wl-2/up", "{\"data\": \"04B0\"}", 0);
    assertThat(out).contains("mapped by rule 'gauge-raw' into 1 record(s):")
        .contains("metric: \"water_level\" number: 1.2 unit: \"m\"")
        .contains("field dead-lettered: decoded field 'battery' left out: $.data: 2 bytes, "
            + "too short for 'battery' (u8 at byte 2)")
        .contains("rules after 60 s with no further message: 1 record(s)")
        .contains("type: WATER_LEVEL phase: BEGIN");
  }

  @Test
  void run_stateByteAsEventCode_printsEventAndTheAlarmItBegins() throws Exception {
    String out = run("rawcover/mh-3/up", "{\"data\": \"0157\"}", 0);
    assertThat(out).contains("mapped by rule 'cover-raw' into 2 record(s):")
        .contains("metric: \"battery\" integer: 87 unit: \"%\"")
        .doesNotContain("metric: \"state\"")
        .contains("kind: MANHOLE_TILT vendor_code: \"1\"")
        .contains("type: MANHOLE_COVER phase: BEGIN");
    assertThat(run("rawcover/mh-3/up", "{\"data\": \"0757\"}", MapCommand.EXIT_NOT_MAPPED))
        .startsWith("DEAD-LETTERED: {decoded.state} (u8 at byte 0 of $.data): unknown vendor "
            + "event code '7' (known: 0, 1)");
  }

  @Test
  void check_decodedFieldTheLayoutLacks_refusedNamingRuleAndKey() {
    ConfigVerdict verdict = AgentConfigLoader.judge(CONFIG.replace("code: \"{decoded.state}\"",
        "code: \"{decoded.status}\""), "agent.yml");
    assertThat(((ConfigVerdict.Invalid) verdict).problems()).contains(
        "mapping.rules[2].event.code: mapping rule 'cover-raw': '{decoded.status}' names no "
            + "decoded field; its byte layouts decode [state, battery]");
  }

  @Test
  void check_unitNotUcumSyntax_refusedAtLoadWithPath() {
    ConfigVerdict verdict = AgentConfigLoader.judge(CONFIG.replace(
        "{metric: tilt_angle, path: $.tilt}", "{metric: tilt_angle, path: $.tilt, unit: \"°\"}")
        .replace("convert: mm_to_m, unit: m}", "convert: mm_to_m, unit: \"m/\"}"), "agent.yml");
    assertThat(((ConfigVerdict.Invalid) verdict).problems()).contains(
        "mapping.rules[0].readings[0].unit: '°' is not a UCUM unit code: contains '°' at index 0;"
            + " UCUM codes are printable ASCII without spaces (° is deg, °C is Cel, µ is u) "
            + "(did you mean deg?)",
        "mapping.rules[1].readings[0].decode.fields[0].unit: 'm/' is not a UCUM unit code: ends "
            + "with '/': a unit must follow it");
  }

  @Test
  void warnings_unitWellFormedButUnknown_namedWithPathOfReadingAndDecodedField() {
    String config = CONFIG.replace("convert: mm_to_m, unit: m}", "convert: mm_to_m, unit: M}")
        .replace("device_type: water_level\n      device_id: \"{topic[1]}\"\n      readings:\n",
            "device_type: water_level\n      device_id: \"{topic[1]}\"\n      readings:\n"
            + "        - {metric: rssi, path: $.rssi, unit: dbm, optional: true}\n");
    assertThat(config).contains("unit: dbm");
    assertThat(MappingChecks.warnings(AgentConfigLoader.parse(config, "agent.yml")))
        .filteredOn(w -> w.contains("UCUM")).containsExactly(
            "mapping.rules[1].readings[0].unit: mapping rule 'gauge-raw', metric 'rssi': 'dbm' is "
                + "UCUM syntax but 'dbm' is not among the units GridGuard knows (did you mean "
                + "dBm?); kept as written — a typo?",
            "mapping.rules[1].readings[1].decode.fields[0].unit: mapping rule 'gauge-raw', metric "
                + "'water_level': 'M' is UCUM syntax but 'M' is not among the units GridGuard "
                + "knows (did you mean m?); kept as written — a typo?");
  }

  @Test
  void warnings_metricNoRuleWatches_named() {
    AgentConfig config = AgentConfigLoader.parse(CONFIG, "agent.yml");
    assertThat(MappingChecks.warnings(config)).containsExactlyInAnyOrder(
        "mapping rule 'manhole-lora': metric 'tilt' of device type 'manhole_cover' is watched by "
            + "no rule (its rules watch [tilt_angle, battery]); charted only — a typo?",
        "mapping rule 'manhole-lora': metric 'tilt_angle' has no unit; the rules expect deg and "
            + "compare it as it comes (add unit: deg)");
  }
}
