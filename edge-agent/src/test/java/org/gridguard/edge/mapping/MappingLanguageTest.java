package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.mapping.MappingFixtures.utf8;

import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

/** Value maps, when tests, wildcards, compound/NONE codes, on_change and RFC 3339. */
class MappingLanguageTest {
  private static final long RECEIVED = 1_763_701_000_000L;
  private final PayloadMapper mapper = new PayloadMapper(MappingFixtures.config("""
      credential_salt: another-salt
      dead_letter: {path: /tmp/unused.jsonl}
      rules:
        - name: dp-smoke
          topic: dp/+/state
          when: {"$.v": {ge: 2}}
          device_type: smoke
          device_id: "{topic[1]}"
          timestamp: {path: $.at, format: rfc3339}
          readings:
            - {metric: smoke_state, path: $.state, values: {"alarm": 1, "normal": 0, "true": 1}}
            - {metric: rssi, path: "$.rxInfo[*].rssi", aggregate: max, unit: dBm, optional: true}
          event:
            code: $.state
            codes: {"alarm": SMOKE_ALARM, "normal": SMOKE_CLEAR, "test": NONE}
            on_change: true
        - name: isapi
          topic: isapi/+/event
          when: {"$.type": {in: [access, door]}, "$.status": {ne: "test"}}
          device_type: access_controller
          device_id: "{topic[1]}"
          event: {code: [$.major, $.minor], codes: {"5/75": ACCESS_GRANTED, "5/21": DOOR_OPENED}}
      """), "boot-x");

  private MappingResult map(String topic, String payload) {
    return mapper.map(topic, utf8(payload), RECEIVED);
  }

  private static Reading reading(Record r, String metric) {
    return r.getTelemetry().getReadingsList().stream().filter(x -> x.getMetric().equals(metric))
        .findFirst().orElseThrow();
  }

  @Test
  void map_valueMapWildcardMaxAndRfc3339WithSpace_numbersAndDeviceTime() {
    MappingResult result = map("dp/sm-1/state", """
        {"v": 2, "at": "2025-11-21 05:00:00Z", "state": "alarm",
         "rxInfo": [{"rssi": -101}, {"rssi": -87}, {"rssi": -95}]}""");
    Record t = ((MappingResult.Mapped) result).records().get(0);
    assertThat(t.getCaptureTimeMs()).isEqualTo(1763701200000L);
    assertThat(reading(t, "smoke_state").getNumber()).isEqualTo(1.0);
    assertThat(reading(t, "rssi").getNumber()).isEqualTo(-87.0);
    assertThat(((MappingResult.Mapped) result).records().get(1).getEvent().getKind())
        .isEqualTo(EventKind.SMOKE_ALARM);
  }

  @Test
  void map_valueNotInValueMap_rejectedNamingKnownValues() {
    MappingResult result = map("dp/sm-1/state", "{\"v\": 2, \"state\": \"smouldering\"}");
    assertThat(((MappingResult.Rejected) result).reason()).isEqualTo(
        "$.state: value \"smouldering\" is not in the value map (known: alarm, normal, true)");
  }

  @Test
  void map_sameStateTwice_secondEventLeftOutReadingsKept() {
    map("dp/sm-2/state", "{\"v\": 2, \"state\": \"normal\"}");
    MappingResult second = map("dp/sm-2/state", "{\"v\": 2, \"state\": \"normal\"}");
    MappingResult.Mapped m = (MappingResult.Mapped) second;
    assertThat(m.records()).hasSize(1);
    assertThat(m.records().get(0).hasTelemetry()).isTrue();
    assertThat(m.eventSkipped()).contains("unchanged");
    MappingResult third = map("dp/sm-2/state", "{\"v\": 2, \"state\": \"alarm\"}");
    assertThat(((MappingResult.Mapped) third).records()).hasSize(2);
    assertThat(mapper.unchangedEventsSkipped()).isEqualTo(1);
  }

  @Test
  void map_whenComparisonFails_noRuleAcceptsWithReason() {
    MappingResult result = map("dp/sm-1/state", "{\"v\": 1, \"state\": \"alarm\"}");
    assertThat(((MappingResult.Rejected) result).reason())
        .contains("rule 'dp-smoke' needs $.v ≥ 2.0, found 1");
  }

  @Test
  void map_compoundCode_joinedMajorSub() {
    MappingResult result = map("isapi/ac-1/event",
        "{\"type\": \"access\", \"major\": 5, \"minor\": 75}");
    Record r = ((MappingResult.Mapped) result).records().get(0);
    assertThat(r.getEvent().getKind()).isEqualTo(EventKind.ACCESS_GRANTED);
    assertThat(r.getEvent().getVendorCode()).isEqualTo("5/75");
  }

  @Test
  void map_whenNotEqualAndInList_filter() {
    assertThat(map("isapi/ac-1/event",
        "{\"type\": \"door\", \"status\": \"test\", \"major\": 5, \"minor\": 21}"))
        .isInstanceOf(MappingResult.Rejected.class);
    assertThat(map("isapi/ac-1/event", "{\"type\": \"alarm\", \"major\": 5, \"minor\": 21}"))
        .isInstanceOf(MappingResult.Rejected.class);
    assertThat(map("isapi/ac-1/event", "{\"type\": \"door\", \"major\": 5, \"minor\": 21}"))
        .isInstanceOf(MappingResult.Mapped.class);
  }

  @Test
  void map_noneCodeWithoutReadings_ignoredNotDeadLettered() {
    PayloadMapper events = new PayloadMapper(MappingFixtures.config("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - {name: hb, topic: hb/+, device_type: door, device_id: "{topic[1]}",
             event: {code: $.c, codes: {"0": NONE, "1": DOOR_OPENED}}}
        """), "b");
    MappingResult result = events.map("hb/1", utf8("{\"c\": 0}"), RECEIVED);
    assertThat(result).isInstanceOf(MappingResult.Ignored.class);
    assertThat(((MappingResult.Ignored) result).reason()).contains("NONE");
    assertThat(events.noEventCodes()).isEqualTo(1);
  }

  @Test
  void parse_yamlBooleanAndNumberKeys_refusedWithHowToQuote() {
    var problems = MappingFixtures.problems("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - name: v
            topic: v/+
            device_type: door
            device_id: "{topic[1]}"
            readings:
              - {metric: s, path: $.s, values: {on: 1, off: 0}}
              - {metric: w, path: "$.w[*].x"}
            event: {code: $.c, codes: {0x21: DOOR_FORCED, "1": DOOR_OPENED}}
        """).list();
    assertThat(problems).anyMatch(p -> p.startsWith("rules[0].readings[0].values.true: YAML read "
        + "this key as the boolean true"));
    assertThat(problems).anyMatch(p -> p.startsWith("rules[0].event.codes.33: YAML read this key "
        + "as the number 33"));
    assertThat(problems).contains("rules[0].readings[1].path: a [*] path selects several values: "
        + "give aggregate: max, min or first");
  }

  @Test
  void parse_yamlTypedWhenValuesAndAttributeKeys_refusedWithPathAndHowToQuote() {
    var problems = MappingFixtures.problems("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - name: w
            topic: w/+
            when: {"$.power": on, "$.mode": {ne: off}, "$.kind": {in: [door, yes]},
                   "$.fPort": 1, "$.level": {gt: 2}}
            device_type: door
            device_id: "{topic[1]}"
            event:
              code: $.c
              codes: {"1": DOOR_OPENED}
              attributes: {no: $.n, 010: $.o, "zone": $.z}
        """).list();
    assertThat(problems).containsExactlyInAnyOrder(
        "rules[0].when.$.power: YAML read this value as the boolean true (on/off/yes/no/true/"
            + "false are booleans in YAML) and the payload's text would never match: quote it "
            + "as the payload writes it, e.g. \"on\" or \"true\"",
        "rules[0].when.$.mode.ne: YAML read this value as the boolean false (on/off/yes/no/"
            + "true/false are booleans in YAML) and the payload's text would never match: quote "
            + "it as the payload writes it, e.g. \"on\" or \"true\"",
        "rules[0].when.$.kind.in[1]: YAML read this value as the boolean true (on/off/yes/no/"
            + "true/false are booleans in YAML) and the payload's text would never match: quote "
            + "it as the payload writes it, e.g. \"on\" or \"true\"",
        "rules[0].event.attributes.false: " + MappingRuleParser.yamlKeyProblem(false),
        "rules[0].event.attributes.8: " + MappingRuleParser.yamlKeyProblem(8),
        "rules: no mapping rules and no presets: nothing would be subscribed");
  }

  @Test
  void parse_credentialInAttributesOrConstantPath_refused() {
    var problems = MappingFixtures.problems("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - name: leak
            topic: l/+
            device_type: door
            device_id: data.sn
            event: {code: $.c, credential: $.card, attributes: {card: $.card}}
        """).list();
    assertThat(problems).contains(
        "rules[0].device_id: 'data.sn' is a constant but looks like a JSON path; write $.data.sn "
            + "(paths start with $)",
        "rules[0].event.attributes.card: maps the credential $.card in the clear; credentials "
            + "leave the gateway only hashed (credential_ref) — remove this attribute");
  }

  @Test
  void redactForDeadLetter_credentialFieldReplacedOthersKept() {
    PayloadMapper access = new PayloadMapper(MappingFixtures.config("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - {name: a, topic: a/+, device_type: door, device_id: "{topic[1]}",
             event: {code: $.c, credential: $.user.card}}
        """), "b");
    String kept = new String(access.redactForDeadLetter("a/1",
        utf8("{\"c\": \"??\", \"user\": {\"card\": \"0012345678\"}}")));
    assertThat(kept).doesNotContain("0012345678").contains("\"card\":\"[redacted]\"")
        .contains("\"c\":\"??\"");
    assertThat(new String(access.redactForDeadLetter("a/1", utf8("card=0012345678"))))
        .doesNotContain("0012345678");
    assertThat(access.redactForDeadLetter("other/1", utf8("card=1"))).isEqualTo(utf8("card=1"));
  }
}
