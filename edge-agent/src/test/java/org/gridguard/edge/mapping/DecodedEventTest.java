package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.mapping.MappingFixtures.utf8;

import java.nio.charset.StandardCharsets;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

/** Decoded byte fields as the source of event codes, channels, attributes and credentials. */
class DecodedEventTest {
  private static final String HEAD = """
      credential_salt: another-salt
      dead_letter: {path: /tmp/unused.jsonl}
      rules:
        - name: cover
          topic: lora/+/up
          device_type: manhole_cover
          device_id: "{topic[1]}"
      """;

  /** Byte 0: state (0x00 normal, 0x01 tilt alarm), decoded only for the event; byte 1: battery. */
  private static final String COVER = HEAD + """
          readings:
            - path: $.data
              decode:
                encoding: hex
                fields:
                  - {metric: tilt_state, byte: 0, type: u8, reading: false}
                  - {metric: battery, byte: 1, type: u8, unit: "%"}
          event:
            code: "{decoded.tilt_state}"
            codes: {"1": MANHOLE_TILT, "2": MANHOLE_RESTORED, "0": NONE}
      """;

  private static MappingResult map(String yaml, String data) {
    return new PayloadMapper(MappingFixtures.config(yaml), "b")
        .map("lora/mh-1/up", utf8("{\"data\": \"" + data + "\"}"), 0);
  }

  private static DeviceEvent event(MappingResult result) {
    assertThat(result).as(result.toString()).isInstanceOf(MappingResult.Mapped.class);
    return ((MappingResult.Mapped) result).records().stream().filter(Record::hasEvent)
        .findFirst().orElseThrow(() -> new AssertionError("no event in " + result)).getEvent();
  }

  private static java.util.List<String> problems(String yaml) {
    return MappingFixtures.problems(yaml).list().stream()
        .filter(p -> !p.startsWith("rules: no mapping rules")).toList();
  }

  @Test
  void map_stateByteThroughCodeTable_makesTheEventAndNoStateReading() {
    MappingResult.Mapped m = (MappingResult.Mapped) map(COVER, "0157");
    assertThat(m.records()).hasSize(2);
    assertThat(m.records().get(0).getTelemetry().getReadingsList()).extracting(Reading::getMetric)
        .containsExactly("battery"); // reading: false keeps the state byte out of telemetry
    DeviceEvent e = m.records().get(1).getEvent();
    assertThat(e.getKind()).isEqualTo(EventKind.MANHOLE_TILT);
    assertThat(e.getVendorCode()).isEqualTo("1");
    assertThat(event(map(COVER, "0257")).getKind()).isEqualTo(EventKind.MANHOLE_RESTORED);
  }

  @Test
  void map_stateByteMappedToNone_keepsReadingsAndNoEvent() {
    MappingResult.Mapped m = (MappingResult.Mapped) map(COVER, "0057");
    assertThat(m.records()).singleElement().matches(Record::hasTelemetry);
    assertThat(m.eventSkipped()).isEqualTo("code '0' is mapped to NONE (no event)");
  }

  @Test
  void map_unknownStateByte_rejectedNamingTheDecodedField() {
    MappingResult r = map(COVER, "0957");
    assertThat(((MappingResult.Rejected) r).reason()).isEqualTo("{decoded.tilt_state} (u8 at "
        + "byte 0 of $.data): unknown vendor event code '9' (known: 0, 1, 2)");
  }

  @Test
  void map_payloadTooShortForTheCodeField_rejectedUnlessTheEventIsOptional() {
    String stateAfterBattery = COVER.replace("byte: 0, type: u8, reading", "byte: 1, type: u8, "
        + "reading").replace("{metric: battery, byte: 1", "{metric: battery, byte: 0");
    assertThat(((MappingResult.Rejected) map(stateAfterBattery, "57")).reason())
        .isEqualTo("{decoded.tilt_state} (u8 at byte 1 of $.data): is required but missing");
    MappingResult.Mapped kept = (MappingResult.Mapped) map(stateAfterBattery.replace(
        "codes: {", "optional: true\n      codes: {"), "57");
    assertThat(kept.records()).singleElement().matches(Record::hasTelemetry);
  }

  @Test
  void map_compoundCodeFromNibblesFlagAttributeAndChannel_decoded() {
    String yaml = HEAD + """
          readings:
            - path: $.data
              decode:
                encoding: base64
                fields:
                  - {metric: major, byte: 0, type: u8, mask: 0xF0, reading: false}
                  - {metric: minor, byte: 0, type: u8, mask: 0x0F, reading: false}
                  - {metric: door, byte: 1, type: u8, reading: false}
                  - {metric: tamper, byte: 2, type: u8, mask: 0x01, flag: true}
          event:
            code: ["{decoded.major}", "{decoded.minor}"]
            codes: {"5/1": ACCESS_GRANTED, "2/3": DOOR_FORCED}
            channel: "{decoded.door}"
            attributes: {tamper: "{decoded.tamper}", raw: $.data}
      """;
    String data = java.util.Base64.getEncoder().encodeToString(new byte[] {0x23, 0x04, 0x01});
    DeviceEvent e = event(map(yaml, data));
    assertThat(e.getKind()).isEqualTo(EventKind.DOOR_FORCED);
    assertThat(e.getVendorCode()).isEqualTo("2/3");
    assertThat(e.getChannel()).isEqualTo("4");
    assertThat(e.getAttributesMap()).containsEntry("tamper", "true").containsEntry("raw", data);
  }

  @Test
  void map_credentialFromBytes_hashedAndTheBinaryFieldRedactedInDeadLetters() {
    String yaml = HEAD + """
          readings:
            - path: $.data
              decode:
                encoding: hex
                fields:
                  - {metric: result, byte: 0, type: u8, reading: false}
                  - {metric: card, byte: 1, type: u32be, reading: false}
          event:
            code: "{decoded.result}"
            codes: {"1": ACCESS_GRANTED, "0": ACCESS_DENIED}
            credential: "{decoded.card}"
      """;
    PayloadMapper mapper = new PayloadMapper(MappingFixtures.config(yaml), "b");
    DeviceEvent e = event(mapper.map("lora/d-1/up", utf8("{\"data\": \"0100BC614E\"}"), 0));
    assertThat(e.getKind()).isEqualTo(EventKind.ACCESS_GRANTED);
    assertThat(e.getCredentialRef()).isEqualTo(new CredentialHasher("another-salt")
        .hash("12345678")).doesNotContain("12345678");
    String redacted = new String(mapper.redactForDeadLetter("lora/d-1/up",
        utf8("{\"data\": \"0100BC614E\", \"n\": 1}")), StandardCharsets.UTF_8);
    assertThat(redacted).doesNotContain("BC614E").contains("\"n\":1");
  }

  @Test
  void parse_unknownDecodedField_refusedNamingRuleKeyAndTheFieldsThereAre() {
    assertThat(problems(COVER.replace("code: \"{decoded.tilt_state}\"",
        "code: \"{decoded.tilt}\"")))
        .containsExactly("rules[0].event.code: mapping rule 'cover': '{decoded.tilt}' names no "
            + "decoded field; its byte layouts decode [tilt_state, battery]",
            "rules[0].readings: mapping rule 'cover': field 'tilt_state' has reading: false but "
                + "no event names {decoded.tilt_state}: it would be decoded for nothing");
    assertThat(problems(HEAD + """
          readings: [{metric: battery, path: $.b}]
          event:
            code: [$.major, "{decoded.minor}"]
      """)).containsExactly("rules[0].event.code[1]: mapping rule 'cover': '{decoded.minor}' "
            + "names no decoded field; the rule has no byte layout (a readings item with decode:)");
    assertThat(problems(COVER.replace("codes: {",
        "attributes: {s: \"{decoded.state\"}\n      codes: {")))
        .contains("rules[0].event.attributes.s: mapping rule 'cover': '{decoded.state' is not a "
            + "decoded field reference; write {decoded.<field metric>}, e.g. {decoded.state}");
  }

  @Test
  void parse_decodedFieldsWhereTheyCannotServe_refusedWithPath() {
    assertThat(problems(COVER.replace("{metric: tilt_state, byte: 0, type: u8, reading: false}",
        "{metric: tilt_state, byte: 0, type: u8, scale: 0.5, reading: false}")))
        .containsExactly("rules[0].event.code: mapping rule 'cover': {decoded.tilt_state} (u8 at "
            + "byte 0 of $.data) is a scaled value; an event code is taken from a whole-number "
            + "field (with a mask if need be) or a flag, without scale, offset or convert");
    assertThat(problems(COVER.replace("device_id: \"{topic[1]}\"",
        "device_id: \"{decoded.battery}\"")))
        .containsExactly("rules[0].device_id: '{decoded.battery}' names a decoded byte field: "
            + "usable only under event (code, channel, source_event_id, credential, attributes), "
            + "written {decoded.<field metric>}");
    assertThat(problems(COVER.replace("codes: {",
        "credential: \"{decoded.battery}\"\n      codes: {")))
        .containsExactly("rules[0].event.credential: mapping rule 'cover': {decoded.battery} (u8 "
            + "at byte 1 of $.data) would also be a reading in the clear; credentials leave the "
            + "gateway only hashed — give the field reading: false");
  }
}
