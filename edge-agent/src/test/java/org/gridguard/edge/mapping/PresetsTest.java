package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.mapping.MappingFixtures.utf8;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresetsTest {
  private static final long RECEIVED = 1_763_701_000_000L;
  private final PayloadMapper mapper = MappingFixtures.presets();

  private List<Record> mapped(String topic, String json) {
    MappingResult result = mapper.map(topic, utf8(json), RECEIVED);
    assertThat(result).as("result of %s", json).isInstanceOf(MappingResult.Mapped.class);
    return ((MappingResult.Mapped) result).records();
  }

  private static Map<String, Reading> readings(Record r) {
    return r.getTelemetry().getReadingsList().stream()
        .collect(Collectors.toMap(Reading::getMetric, x -> x));
  }

  @Test
  void preset_everyShippedPreset_parsesWithoutProblems() {
    for (String name : MappingConfig.PRESETS) {
      ConfigProblems problems = new ConfigProblems();
      assertThat(MappingConfig.preset(name, problems)).as(name).isNotEmpty();
      assertThat(problems.list()).as(name).isEmpty();
    }
  }

  @Test
  void map_canonicalTelemetry_readsTopicLevelsAndReadingList() {
    List<Record> records = mapped("gridguard/temp_humidity/th-07/telemetry", """
        {"ts": "2026-11-21T05:00:00.123Z",
         "readings": [{"metric": "temperature", "value": 21.5, "unit": "Cel"},
                      {"metric": "humidity", "value": 48, "unit": "%"},
                      {"metric": "door_open", "value": false}]}""");
    assertThat(records).hasSize(1);
    Record r = records.get(0);
    assertThat(r.getDeviceId()).isEqualTo("th-07");
    assertThat(r.getBootId()).isEqualTo(MappingFixtures.BOOT);
    assertThat(r.getCaptureTimeMs())
        .isEqualTo(OffsetDateTime.parse("2026-11-21T05:00:00.123Z").toInstant().toEpochMilli());
    assertThat(r.getTelemetry().getDeviceType()).isEqualTo("temp_humidity");
    assertThat(readings(r).get("temperature").getNumber()).isEqualTo(21.5);
    assertThat(readings(r).get("temperature").getUnit()).isEqualTo("Cel");
    assertThat(readings(r).get("humidity").getInteger()).isEqualTo(48);
    assertThat(readings(r).get("door_open").getFlag()).isFalse();
  }

  @Test
  void map_canonicalEvent_hashesCredentialAndKeepsChannel() {
    List<Record> records = mapped("gridguard/door/gate-north/event", """
        {"ts": 1763701200123, "kind": "DOOR_FORCED", "channel": "door-1",
         "credential": "0012345678", "id": "evt-778", "attributes": {"method": "card"}}""");
    DeviceEvent e = records.get(0).getEvent();
    assertThat(records.get(0).getCaptureTimeMs()).isEqualTo(1763701200123L);
    assertThat(e.getKind()).isEqualTo(EventKind.DOOR_FORCED);
    assertThat(e.getChannel()).isEqualTo("door-1");
    assertThat(e.getSourceEventId()).isEqualTo("evt-778");
    assertThat(e.getAttributesMap()).containsEntry("method", "card");
    assertThat(e.getCredentialRef()).hasSize(64).doesNotContain("0012345678")
        .isEqualTo(new CredentialHasher("test-salt-123").hash("0012345678"));
  }

  @ParameterizedTest
  @CsvSource({
      "1, ACCESS_GRANTED", "2, ACCESS_DENIED", "5, ACCESS_DENIED", "6, ACCESS_GRANTED",
      "20, DOOR_OPENED", "21, DOOR_CLOSED", "30, DOOR_FORCED", "31, DOOR_HELD_OPEN",
      "40, CONTROLLER_TAMPER"})
  void map_acmeAccessEventCode_becomesEventKind(int code, EventKind kind) {
    List<Record> records = mapped("acme/access/AC400-0012/event",
        "{\"sn\": \"AC400-0012\", \"door\": 2, \"evt\": " + code + ", \"verify\": \"card\","
            + " \"card\": \"0012345678\", \"time\": \"2026-11-21 13:05:07\", \"seq\": 88123}");
    Record r = records.get(0);
    DeviceEvent e = r.getEvent();
    assertThat(e.getKind()).isEqualTo(kind);
    assertThat(e.getVendorCode()).isEqualTo(String.valueOf(code));
    assertThat(e.getChannel()).isEqualTo("2");
    assertThat(e.getDeviceType()).isEqualTo("access_controller");
    assertThat(e.getSourceEventId()).isEqualTo("88123");
    assertThat(e.getAttributesMap()).containsEntry("method", "card");
    assertThat(e.getCredentialRef()).isNotEmpty().doesNotContain("0012345678");
    assertThat(r.getDeviceId()).isEqualTo("AC400-0012");
    // 13:05:07 at +08:00 is 05:05:07 UTC
    assertThat(r.getCaptureTimeMs())
        .isEqualTo(OffsetDateTime.parse("2026-11-21T05:05:07Z").toInstant().toEpochMilli());
  }

  @Test
  void map_acmeUnknownCode_isRejectedNamingFieldAndCode() {
    MappingResult result = mapper.map("acme/access/AC400-0012/event",
        utf8("{\"sn\": \"AC400-0012\", \"door\": 1, \"evt\": 77, \"time\": \"2026-11-21 13:05:07\"}"),
        RECEIVED);
    assertThat(((MappingResult.Rejected) result).reason())
        .startsWith("$.evt: unknown vendor event code '77'").contains("known: 1, 2,");
  }

  @Test
  void map_acmeStatus_readsIntegerFlagAndNumber() {
    Record r = mapped("acme/access/AC400-0012/status", """
        {"sn": "AC400-0012", "time": "2026-11-21 13:05:00", "doors_open": 1, "tamper": false,
         "battery": 96}""").get(0);
    assertThat(readings(r).get("doors_open").getInteger()).isEqualTo(1);
    assertThat(readings(r).get("tamper").getFlag()).isFalse();
    assertThat(readings(r).get("battery").getNumber()).isEqualTo(96.0);
  }

  @Test
  void map_senscityWaterLevelWithAlarm_givesTelemetryInMetresAndEvent() {
    List<Record> records = mapped("senscity/v1/SC-WL-0042/up", """
        {"devEui": "SC-WL-0042", "product": "water", "ts": 1763701507123,
         "data": {"level_mm": 1420, "battery": 87}, "alarm": 1}""");
    assertThat(records).hasSize(2);
    Record telemetry = records.get(0);
    assertThat(telemetry.getTelemetry().getDeviceType()).isEqualTo("water_level");
    assertThat(readings(telemetry).get("water_level").getNumber()).isCloseTo(1.42, within());
    assertThat(readings(telemetry).get("water_level").getUnit()).isEqualTo("m");
    assertThat(readings(telemetry).get("battery").getNumber()).isEqualTo(87.0);
    assertThat(records.get(1).getEvent().getKind()).isEqualTo(EventKind.WATER_LEVEL_ALARM);
    assertThat(telemetry.getCaptureTimeMs()).isEqualTo(1763701507123L);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "smoke   | {\"smoke\": 3.2, \"temp\": 235}  | smoke            | temperature       | 23.5",
      "th      | {\"temp\": -52, \"hum\": 61}      | temp_humidity    | temperature       | -5.2",
      "gas     | {\"gas_lel\": 12}               | gas              | gas_concentration | 12",
      "manhole | {\"tilt_deg\": 17.5, \"open\": 0} | manhole_cover    | tilt_angle        | 17.5",
      "ebike   | {\"current_ma\": 1850}          | ebike_charging   | charging_current  | 1.85"})
  void map_senscityProduct_convertsVendorUnits(String product, String data, String type,
      String metric, double expected) {
    Record r = mapped("senscity/v1/SC-1/up", "{\"devEui\": \"SC-1\", \"product\": \"" + product
        + "\", \"ts\": 1763701507123, \"data\": " + data + "}").get(0);
    assertThat(r.getTelemetry().getDeviceType()).isEqualTo(type);
    assertThat(readings(r).get(metric).getNumber()).isCloseTo(expected, within());
  }

  @ParameterizedTest
  @CsvSource({"smoke, 1, SMOKE_ALARM", "smoke, 2, SMOKE_CLEAR", "gas, 1, GAS_ALARM",
      "manhole, 1, MANHOLE_TILT", "sos, 1, EMERGENCY_BUTTON", "ebike, 1, EBIKE_DETECTED",
      "th, 9, LOW_BATTERY", "water, 8, SENSOR_TAMPER"})
  void map_senscityAlarmCode_becomesEventOfProduct(String product, int code, EventKind kind) {
    List<Record> records = mapped("senscity/v1/SC-2/up", "{\"devEui\": \"SC-2\", \"product\": \""
        + product + "\", \"ts\": 1763701507123, \"data\": {\"battery\": 20}, \"alarm\": " + code + "}");
    Record event = records.get(records.size() - 1);
    assertThat(event.getEvent().getKind()).isEqualTo(kind);
    assertThat(event.getDeviceId()).isEqualTo("SC-2");
  }

  @Test
  void map_senscityUnknownProduct_isRejectedWithReason() {
    MappingResult result = mapper.map("senscity/v1/SC-3/up",
        utf8("{\"devEui\": \"SC-3\", \"product\": \"toaster\", \"ts\": 1763701507123}"), RECEIVED);
    assertThat(((MappingResult.Rejected) result).reason())
        .contains("no rule for topic 'senscity/v1/SC-3/up'")
        .contains("needs $.product = 'smoke', found \"toaster\"");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  @Test
  void presets_everyDeclaredUnit_validAndKnownUcum() {
    for (String name : MappingConfig.PRESETS) {
      for (MappingRule rule : MappingConfig.preset(name, new org.gridguard.edge.config
          .ConfigProblems())) {
        java.util.List<String> units = new java.util.ArrayList<>();
        rule.readings().forEach(r -> units.add(r.unit()));
        rule.layouts().forEach(l -> l.fields().forEach(f -> units.add(f.unit())));
        assertThat(units).as(name + " " + rule.name()).allSatisfy(u -> {
          assertThat(org.gridguard.edge.units.Ucum.problem(u)).as(u).isNull();
          assertThat(org.gridguard.edge.units.Ucum.warning(u)).as(u).isNull();
        });
      }
    }
  }
}
