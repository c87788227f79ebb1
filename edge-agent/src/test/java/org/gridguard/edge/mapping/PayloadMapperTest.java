package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.mapping.MappingFixtures.utf8;

import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A vendor added by config only, and every way a payload can be unmappable. */
class PayloadMapperTest {
  private static final long RECEIVED = 1_763_701_000_000L;
  private final PayloadMapper mapper = new PayloadMapper(MappingFixtures.config("""
      credential_salt: another-salt
      max_payload_bytes: 512
      dead_letter: {path: /tmp/unused.jsonl}
      rules:
        - name: yankee-thermo
          topic: yankee/+/+/data
          device_type: temp_humidity
          device_id: "{topic[2]}"
          timestamp: {path: $.meta.time, format: iso8601}
          readings:
            - {metric: temperature, path: "$.data.temp_f", unit: Cel, convert: f_to_c}
            - {metric: humidity, path: "$.data.rh", unit: "%", optional: true}
            - {metric: probe_ok, path: "$.data.sensors[0].ok", type: flag, optional: true}
      """), "boot-x");

  private String rejected(String topic, String payload) {
    MappingResult result = mapper.map(topic, utf8(payload), RECEIVED);
    assertThat(result).as(payload).isInstanceOf(MappingResult.Rejected.class);
    return ((MappingResult.Rejected) result).reason();
  }

  @Test
  void map_configuredVendor_convertsFahrenheitAndReadsArrays() {
    MappingResult result = mapper.map("yankee/site1/th-9/data", utf8("""
        {"meta": {"time": "2025-11-21T13:00:00+08:00"},
         "data": {"temp_f": 212, "rh": "55.5", "sensors": [{"ok": true}]}}"""), RECEIVED);
    Record r = ((MappingResult.Mapped) result).records().get(0);
    assertThat(r.getDeviceId()).isEqualTo("th-9");
    assertThat(r.getCaptureTimeMs()).isEqualTo(1763701200000L);
    assertThat(r.getTelemetry().getReadings(0).getNumber()).isCloseTo(100.0,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.getTelemetry().getReadings(1).getNumber()).isEqualTo(55.5);
    assertThat(r.getTelemetry().getReadings(2).getFlag()).isTrue();
  }

  @Test
  void map_missingTimestamp_usesReceiveTime() {
    MappingResult result = mapper.map("yankee/a/th-1/data", utf8("{\"data\": {\"temp_f\": 50}}"),
        RECEIVED);
    assertThat(((MappingResult.Mapped) result).records().get(0).getCaptureTimeMs())
        .isEqualTo(RECEIVED);
  }

  @Test
  void map_clockResetTo1970_usesReceiveTimeAndCounts() {
    MappingResult result = mapper.map("yankee/a/th-1/data",
        utf8("{\"meta\": {\"time\": \"1970-01-01T00:00:05Z\"}, \"data\": {\"temp_f\": 50}}"),
        RECEIVED);
    assertThat(((MappingResult.Mapped) result).records().get(0).getCaptureTimeMs())
        .isEqualTo(RECEIVED);
    assertThat(mapper.clockFallbacks()).isEqualTo(1);
  }

  @Test
  void next_newRules_mapsByThemAndTheBadTimestampCountGoesOn() {
    mapper.map("yankee/a/th-1/data",
        utf8("{\"meta\": {\"time\": \"1970-01-01T00:00:05Z\"}, \"data\": {\"temp_f\": 50}}"),
        RECEIVED);
    PayloadMapper next = mapper.next(MappingFixtures.config("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - name: zulu
            topic: zulu/+/data
            device_type: meter
            device_id: "{topic[1]}"
            timestamp: {path: $.t, format: epoch_ms}
            readings: [{metric: energy, path: $.e}]
        """));

    MappingResult result = next.map("zulu/z-1/data", utf8("{\"t\": 5, \"e\": 2}"), RECEIVED);

    assertThat(((MappingResult.Mapped) result).records().get(0).getTelemetry().getDeviceType())
        .isEqualTo("meter");
    assertThat(next.topicFilters()).containsExactly("zulu/+/data");
    assertThat(next.ruleCount()).isEqualTo(1);
    assertThat(next.clockFallbacks()).as("one before the swap, one after").isEqualTo(2);
    assertThat(mapper.clockFallbacks()).isEqualTo(2);
    assertThat(next.map("yankee/a/th-1/data", utf8("{}"), RECEIVED))
        .as("the old rules are gone from the new mapper")
        .isInstanceOf(MappingResult.Rejected.class);
  }

  @Test
  void map_clockOutOfRange_telemetryMarkedTimeReplaced() {
    MappingResult result = mapper.map("yankee/a/th-1/data",
        utf8("{\"meta\": {\"time\": \"2207-01-01T00:00:05Z\"}, \"data\": {\"temp_f\": 50}}"),
        RECEIVED);
    Record r = ((MappingResult.Mapped) result).records().get(0);
    assertThat(r.getTelemetry().getReadingsList()).anyMatch(x ->
        x.getMetric().equals("time_replaced") && x.getFlag());
  }

  @Test
  void map_epochMillisGivenAsSecondsOnEvent_receiveTimeAndAttributesMark() {
    PayloadMapper events = new PayloadMapper(MappingFixtures.config("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - {name: door, topic: d/+, device_type: door, device_id: "{topic[1]}",
             timestamp: {path: $.t, format: epoch_s}, event: {code: $.k}}
        """), "b");
    MappingResult result = events.map("d/7", utf8("{\"t\": 1763701000000, \"k\": \"DOOR_OPENED\"}"),
        RECEIVED);
    Record r = ((MappingResult.Mapped) result).records().get(0);
    assertThat(r.getCaptureTimeMs()).isEqualTo(RECEIVED);
    assertThat(r.getEvent().getAttributesMap()).containsEntry("time_replaced", "true")
        .containsEntry("device_time", "1763701000000");
    assertThat(events.clockFallbacks()).isEqualTo(1);
  }

  @Test
  void map_clockOutOfRangeWithDeadLetterPolicy_rejectedWithValueAndCounted() {
    PayloadMapper strict = new PayloadMapper(MappingFixtures.config("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - {name: door, topic: d/+, device_type: door, device_id: "{topic[1]}",
             timestamp: {path: $.t, format: epoch_s}, event: {code: $.k}}
        """), "b", BadTimestamps.DEAD_LETTER);
    MappingResult result = strict.map("d/7", utf8("{\"t\": 1763701000000, \"k\": \"DOOR_OPENED\"}"),
        RECEIVED);
    assertThat(((MappingResult.Rejected) result).reason()).startsWith(
        "$.t: timestamp 1763701000000 is outside 2000–2100 (mqtt.bad_timestamps: dead_letter");
    assertThat(strict.clockFallbacks()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"data\": {\"temp_f\": \"hot\"}}         | $.data.temp_f: expected a number, found \"hot\"",
      "{\"data\": {}}                            | $.data.temp_f: reading 'temperature' is required but missing",
      "{\"data\": {\"temp_f\": {\"v\": 1}}}      | $.data.temp_f: expected a number, found an object",
      "{\"meta\": {\"time\": \"yesterday\"}, \"data\": {\"temp_f\": 1}} | $.meta.time: expected a iso8601 timestamp, found \"yesterday\"",
      "[1, 2, 3]                                 | $: expected a JSON object, found an array",
      "{\"data\": {\"temp_f\": 1}                | payload: not valid JSON at line 1",
      "{\"data\": {\"temp_f\": 1}}}              | payload: not valid JSON",
      "\\u0000\\u00ff garbage                    | payload: not valid JSON"})
  void map_badPayload_isRejectedSayingWhatAndWhere(String payload, String reason) {
    assertThat(rejected("yankee/a/th-1/data", payload)).startsWith(reason);
  }

  @Test
  void map_optionalReadingWronglyTyped_keepsTheRestAndNamesTheField() {
    MappingResult result = mapper.map("yankee/a/th-1/data", utf8(
        "{\"data\": {\"temp_f\": 50, \"rh\": 40, \"sensors\": [{\"ok\": \"maybe\"}]}}"),
        RECEIVED);

    assertThat(result).isInstanceOf(MappingResult.Mapped.class);
    MappingResult.Mapped mapped = (MappingResult.Mapped) result;
    assertThat(mapped.records().get(0).getTelemetry().getReadingsList())
        .extracting(r -> r.getMetric()).containsExactly("temperature", "humidity");
    assertThat(mapped.droppedFields()).containsExactly("optional reading 'probe_ok' left out: "
        + "$.data.sensors[0].ok: expected true/false (or 1/0), found \"maybe\"");
  }

  @Test
  void map_textBatteryBesideSmokeAlarm_keepsReadingAndAlarmState() {
    MappingResult result = MappingFixtures.presets().map("senscity/v1/SC-SM-1/up", utf8("""
        {"devEui": "SC-SM-1", "product": "smoke", "ts": 1763701507123,
         "data": {"smoke": 12.5, "battery": "low"}, "alarm": 1}"""), RECEIVED);

    assertThat(result).isInstanceOf(MappingResult.Mapped.class);
    MappingResult.Mapped mapped = (MappingResult.Mapped) result;
    assertThat(mapped.records()).hasSize(2);
    assertThat(mapped.records().get(0).getTelemetry().getReadingsList())
        .extracting(r -> r.getMetric()).containsExactly("smoke_density");
    assertThat(mapped.records().get(1).getEvent().getKind().name()).isEqualTo("SMOKE_ALARM");
    assertThat(mapped.droppedFields()).singleElement().asString()
        .contains("'battery'").contains("$.data.battery").contains("\"low\"");
  }

  @Test
  void map_badItemInReadingList_keepsTheOtherItems() {
    MappingResult result = MappingFixtures.presets().map("gridguard/meter/m-1/telemetry", utf8("""
        {"readings": [{"metric": "energy", "value": 1}, {"metric": "volts", "value": {"v": 1}},
                      {"metric": "amps", "value": 2}]}"""), RECEIVED);

    MappingResult.Mapped mapped = (MappingResult.Mapped) result;
    assertThat(mapped.records().get(0).getTelemetry().getReadingsList())
        .extracting(r -> r.getMetric()).containsExactly("energy", "amps");
    assertThat(mapped.droppedFields()).singleElement().asString()
        .contains("$.readings[1].value").contains("an object");
  }

  @Test
  void map_onlyPartWronglyTyped_rejectedNamingIt() {
    MappingResult result = MappingFixtures.presets().map("gridguard/meter/m-1/telemetry",
        utf8("{\"readings\": [{\"metric\": \"volts\", \"value\": [1]}]}"), RECEIVED);
    assertThat(result).isInstanceOf(MappingResult.Rejected.class);
    String reason = ((MappingResult.Rejected) result).reason();

    assertThat(reason).startsWith("$.readings[0].value: expected a number, flag or text, found "
        + "an array");
  }

  @Test
  void map_deviceTypeOrIdNotATelemetryName_isRejectedNamingTheRule() {
    PayloadMapper byPayload = new PayloadMapper(MappingFixtures.config("""
        credential_salt: another-salt
        dead_letter: {path: /tmp/unused.jsonl}
        rules:
          - name: by-payload
            topic: zulu/data
            device_type: $.type
            device_id: $.id
            readings:
              - {metric: level, path: "$.v"}
        """), "boot-x");
    record Case(String type, String id, String reason) {}
    for (Case c : java.util.List.of(
        new Case("smoke\\\\", "d1", "$.type: device type contains a backslash at index 5"),
        new Case("#smoke", "d1", "$.type: device type starts with '#'"),
        new Case("smo\\u0000ke", "d1", "$.type: device type contains control character U+0000"),
        new Case("smoke", "d\\n1", "$.id: device id contains control character U+000A"),
        new Case("smoke", "door\\\\", "$.id: device id contains a backslash"))) {
      MappingResult result = byPayload.map("zulu/data", utf8("{\"type\": \"" + c.type()
          + "\", \"id\": \"" + c.id() + "\", \"v\": 1}"), RECEIVED);
      assertThat(result).as(c.toString()).isInstanceOf(MappingResult.Rejected.class);
      assertThat(((MappingResult.Rejected) result).reason()).as(c.toString())
          .startsWith(c.reason());
    }
    // spaces, commas, '=', quotes and any script are fine: the hub escapes them
    MappingResult ok = byPayload.map("zulu/data", utf8(
        "{\"type\": \"水位, \\\"deep\\\"=1\", \"id\": \"东门 1\", \"v\": 1}"), RECEIVED);
    assertThat(ok).isInstanceOf(MappingResult.Mapped.class);
    assertThat(((MappingResult.Mapped) ok).records().get(0).getTelemetry().getDeviceType())
        .isEqualTo("水位, \"deep\"=1");
  }

  @Test
  void map_emptyPayload_isRejected() {
    assertThat(rejected("yankee/a/th-1/data", "")).isEqualTo("payload: is empty");
  }

  @Test
  void map_oversizePayload_isRejectedBeforeParsing() {
    String big = "{\"data\": {\"temp_f\": 1, \"pad\": \"" + "x".repeat(600) + "\"}}";
    assertThat(rejected("yankee/a/th-1/data", big))
        .isEqualTo("payload: " + big.length() + " bytes is over the limit of 512 bytes"
            + " (mapping.max_payload_bytes)");
  }

  @Test
  void map_topicWithoutRule_isRejected() {
    assertThat(rejected("other/topic", "{}")).isEqualTo("topic: no mapping rule matches 'other/topic'");
  }

  @Test
  void map_deeplyNestedPayload_isRejectedNotStackOverflow() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThat(rejected("yankee/a/th-1/data", deep)).startsWith("payload: not valid JSON");
  }

  @Test
  void topicFilters_listsEachRuleTopicOnce() {
    assertThat(MappingFixtures.presets().topicFilters()).containsExactly(
        "gridguard/+/+/telemetry", "gridguard/+/+/event", "acme/access/+/event",
        "acme/access/+/status", "senscity/v1/+/up");
  }
}
