package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.mapping.MappingFixtures.utf8;

import java.util.Base64;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

/** Base64/hex payload fields decoded by a declared layout (codec-less LoRaWAN uplinks). */
class ByteLayoutTest {
  private static final String HEAD = """
      credential_salt: another-salt
      dead_letter: {path: /tmp/unused.jsonl}
      rules:
        - name: gauge
          topic: chirp/+/up
          device_type: water_level
          device_id: "{topic[1]}"
          readings:
            - {metric: rssi, path: $.rssi, optional: true}
      """;

  private static PayloadMapper mapper(String readings) {
    return new PayloadMapper(MappingFixtures.config(HEAD + readings), "b");
  }

  /** Bytes: 04 D2 | FF 38 | 57 | A5 | 3F C0 00 00 | 10 27 (u16le 10000). */
  private static final byte[] FRAME = {
      0x04, (byte) 0xD2,            // 0–1 level u16be 1234 → ×0.001 = 1.234 m
      (byte) 0xFF, 0x38,            // 2–3 temperature s16be -200 → ×0.1 = -20.0
      0x57,                         // 4 battery u8 87
      (byte) 0xA5,                  // 5 status 1010 0101: bits 4–6 = 2, bit 7 set, bit 1 clear
      0x3F, (byte) 0xC0, 0x00, 0x00, // 6–9 f32be 1.5
      0x10, 0x27};                  // 10–11 u16le 10000

  private static final String LAYOUT = """
            - path: $.data
              decode:
                encoding: base64
                length: 12
                endianness: be
                fields:
                  - {metric: water_level, byte: 0, type: u16, scale: 0.001, unit: m}
                  - {metric: temperature, byte: 2, type: s16, scale: 0.1, unit: Cel}
                  - {metric: battery, byte: 4, type: u8, unit: "%"}
                  - {metric: mode, byte: 5, type: u8, mask: 0x70}
                  - {metric: leak, byte: 5, type: u8, mask: 0x80, flag: true}
                  - {metric: tamper, byte: 5, type: u8, mask: 0b0000_0010, flag: true}
                  - {metric: ratio, byte: 6, type: f32}
                  - {metric: count, byte: 10, type: u16le}
      """;

  private static Reading reading(Record r, String metric) {
    return r.getTelemetry().getReadingsList().stream().filter(x -> x.getMetric().equals(metric))
        .findFirst().orElseThrow(() -> new AssertionError("no reading " + metric + " in " + r));
  }

  private static String json(byte[] bytes) {
    return "{\"rssi\": -101, \"data\": \"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
  }

  @Test
  void map_base64Layout_readsEveryTypeEndiannessSignMaskAndScale() {
    MappingResult result = mapper(LAYOUT).map("chirp/wl-1/up", utf8(json(FRAME)), 0);
    MappingResult.Mapped m = (MappingResult.Mapped) result;
    Record t = m.records().get(0);
    assertThat(reading(t, "water_level").getNumber()).isCloseTo(1.234, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(reading(t, "water_level").getUnit()).isEqualTo("m");
    assertThat(reading(t, "temperature").getNumber()).isCloseTo(-20.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(reading(t, "battery").getInteger()).isEqualTo(87);
    assertThat(reading(t, "mode").getInteger()).isEqualTo(2);
    assertThat(reading(t, "leak").getFlag()).isTrue();
    assertThat(reading(t, "tamper").getFlag()).isFalse();
    assertThat(reading(t, "ratio").getNumber()).isEqualTo(1.5);
    assertThat(reading(t, "count").getInteger()).isEqualTo(10000);
    assertThat(t.getTelemetry().getReadings(0).getMetric()).isEqualTo("rssi"); // config order
    assertThat(m.droppedFields()).isEmpty();
  }

  @Test
  void map_hexWithPrefixAndSignedLittleEndian_decodes() {
    PayloadMapper mapper = mapper("""
            - path: $.hex
              decode:
                encoding: hex
                fields:
                  - {metric: tilt_angle, byte: 0, type: s24le, scale: 0.01, unit: deg}
                  - {metric: offset_v, byte: 3, type: s8}
      """);
    MappingResult result = mapper.map("chirp/wl-1/up", utf8("{\"hex\": \"0x18FCFF F6\"}"), 0);
    Record t = ((MappingResult.Mapped) result).records().get(0);
    assertThat(reading(t, "tilt_angle").getNumber()).isCloseTo(-10.0, org.assertj.core.api.Assertions.within(1e-9)); // 0xFFFC18 = -1000
    assertThat(reading(t, "offset_v").getInteger()).isEqualTo(-10);
  }

  @Test
  void map_payloadShorterThanLayout_deadLettersFieldsBeyondAndKeepsTheRest() {
    byte[] shortFrame = java.util.Arrays.copyOf(FRAME, 5);
    MappingResult.Mapped m = (MappingResult.Mapped) mapper(LAYOUT)
        .map("chirp/wl-1/up", utf8(json(shortFrame)), 0);
    Record t = m.records().get(0);
    assertThat(t.getTelemetry().getReadingsList()).extracting(Reading::getMetric)
        .containsExactly("rssi", "water_level", "temperature", "battery");
    assertThat(m.droppedFields()).hasSize(5).first().asString()
        .contains("decoded field 'mode'", "$.data: 5 bytes, too short for 'mode' (u8 at byte 5)");
  }

  @Test
  void map_notBase64_rejectsWithWhereUnlessOptional() {
    MappingResult bad = mapper(LAYOUT).map("chirp/wl-1/up", utf8("{\"data\": \"%%%\"}"), 0);
    assertThat(bad).isInstanceOf(MappingResult.Rejected.class);
    assertThat(((MappingResult.Rejected) bad).reason()).startsWith("$.data: not base64");

    MappingResult missing = mapper(LAYOUT).map("chirp/wl-1/up", utf8("{\"rssi\": 1}"), 0);
    assertThat(((MappingResult.Rejected) missing).reason())
        .isEqualTo("$.data: binary field is required but missing");

    PayloadMapper optional = mapper(LAYOUT.replace("- path: $.data", "- path: $.data\n"
        + "        optional: true"));
    MappingResult.Mapped kept = (MappingResult.Mapped) optional.map("chirp/wl-1/up",
        utf8("{\"rssi\": -90, \"data\": 17}"), 0);
    assertThat(kept.records().get(0).getTelemetry().getReadingsList()).extracting(Reading::getMetric)
        .containsExactly("rssi");
    assertThat(kept.droppedFields()).singleElement().asString()
        .contains("optional binary field $.data", "expected base64 text, found 17");
  }

  @Test
  void map_nonFiniteFloat_deadLettersThatField() {
    PayloadMapper mapper = mapper("""
            - path: $.data
              decode: {encoding: hex, fields: [{metric: ratio, byte: 0, type: f32be},
                                               {metric: battery, byte: 4, type: u8}]}
      """);
    MappingResult.Mapped m = (MappingResult.Mapped) mapper.map("chirp/wl-1/up",
        utf8("{\"data\": \"7fc0000050\"}"), 0);
    assertThat(m.records().get(0).getTelemetry().getReadingsList()).extracting(Reading::getMetric)
        .containsExactly("battery");
    assertThat(m.droppedFields()).singleElement().asString().contains("not a finite number");
  }

  private static java.util.List<String> problems(String readings) {
    // the one rule is refused, so the config also says it has none: not what is tested here
    return MappingFixtures.problems(HEAD + readings).list().stream()
        .filter(p -> !p.startsWith("rules: no mapping rules")).toList();
  }

  @Test
  void parse_fieldBeyondDeclaredLength_problemWithPath() {
    assertThat(problems("""
            - path: $.data
              decode:
                encoding: base64
                length: 3
                fields: [{metric: water_level, byte: 2, type: u16be}]
      """)).containsExactly("rules[0].readings[1].decode.fields[0].byte: 'water_level' (u16be "
            + "at byte 2–3) ends beyond length: 3 (the last byte is 2)");
  }

  @Test
  void parse_overlappingFields_refusedUnlessMasksAreDisjoint() {
    assertThat(problems("""
            - path: $.data
              decode:
                encoding: base64
                fields:
                  - {metric: water_level, byte: 0, type: u16be}
                  - {metric: battery, byte: 1, type: u8}
                  - {metric: a, byte: 2, type: u8, mask: 0x0F}
                  - {metric: b, byte: 2, type: u8, mask: 0xF0}
                  - {metric: c, byte: 2, type: u8, mask: 0x18}
      """)).containsExactly(
            "rules[0].readings[1].decode.fields[1].byte: 'battery' (u8 at byte 1) overlaps "
                + "'water_level' (u16be at byte 0–1); fields sharing bytes need masks that do "
                + "not intersect",
            "rules[0].readings[1].decode.fields[4].byte: 'c' (u8 at byte 2) overlaps 'a' (u8 at "
                + "byte 2); fields sharing bytes need masks that do not intersect",
            "rules[0].readings[1].decode.fields[4].byte: 'c' (u8 at byte 2) overlaps 'b' (u8 at "
                + "byte 2); fields sharing bytes need masks that do not intersect");
  }

  @Test
  void parse_badLayouts_eachProblemNamedWithPath() {
    assertThat(problems("""
            - path: $.data
              decode:
                encodng: base64
                fields:
                  - {metric: level, byte: 0, type: u16}
                  - {metric: b, byte: 2, type: u12}
                  - {metric: c, byte: 3, type: f32le, mask: 1}
                  - {metric: d, byte: 7, type: u8, mask: 0x100}
                  - {metric: e, type: u8}
                  - {metric: f, byte: 9, type: u8, flag: true, scale: 2}
      """)).containsExactlyInAnyOrder(
            "rules[0].readings[1].decode.encoding: is required: base64 or hex",
            "rules[0].readings[1].decode.encodng: unknown key",
            "rules[0].readings[1].decode.fields[0].type: 'u16' has 2 bytes: say u16be or u16le "
                + "(or endianness: be|le for the whole layout)",
            "rules[0].readings[1].decode.fields[1].type: unknown type 'u12', use " + ByteLayoutParser.TYPES,
            "rules[0].readings[1].decode.fields[2].mask: a mask applies to integer types only, "
                + "not f32",
            "rules[0].readings[1].decode.fields[3].mask: 0x100 must be non-zero and fit in 1 byte(s)",
            "rules[0].readings[1].decode.fields[4].byte: is required: the position of the "
                + "field's first byte, from 0",
            "rules[0].readings[1].decode.fields[5].flag: a flag takes no scale, offset or convert");
  }
}
