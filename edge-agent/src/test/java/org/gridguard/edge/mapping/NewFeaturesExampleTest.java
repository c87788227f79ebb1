package org.gridguard.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.mapping.MappingFixtures.utf8;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.rules.RulesDryRun;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/mappings/example-new-features.yml parses and maps what its comments say. */
class NewFeaturesExampleTest {
  @Test
  void example_parsesAndMapsLorawanUplinkToTiltAlarm() throws Exception {
    Object doc;
    try (Reader r = Files.newBufferedReader(Path.of("../deploy/mappings/example-new-features.yml"))) {
      doc = new Yaml().load(r);
    }
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.root(doc, problems);
    MappingConfig mapping = MappingConfig.from(root.child("mapping"));
    RulesConfig rules = RulesConfig.from(root.child("rules"));
    root.rejectUnknownKeys();
    assertThat(problems.list()).isEmpty();

    PayloadMapper mapper = new PayloadMapper(mapping, "b");
    MappingResult result = mapper.map("chirp/application/7/device/a84041000181c0de/event/up",
        utf8("""
            {"fPort": 1, "time": "2026-11-21 05:00:00Z",
             "deviceInfo": {"devEui": "a84041000181c0de"},
             "object": {"model": "MC-1", "tilt_mrad": 350, "cover": "open", "battery_pct": 88},
             "rxInfo": [{"rssi": -112, "snr": -3.5}, {"rssi": -98, "snr": 4.25}]}"""), 0);
    MappingResult.Mapped m = (MappingResult.Mapped) result;
    Record telemetry = m.records().get(0);
    assertThat(telemetry.getTelemetry().getReadingsList()).anySatisfy(r -> {
      assertThat(r.getMetric()).isEqualTo("rssi");
      assertThat(r.getNumber()).isEqualTo(-98.0);
    });
    assertThat(m.records().get(1).getEvent().getKind()).isEqualTo(EventKind.MANHOLE_TILT);

    RulesDryRun.Outcome outcome = RulesDryRun.run(rules, m.records(), 1_763_701_000_000L, 60_000);
    assertThat(outcome.onMessage()).filteredOn(Record::hasAlarm)
        .extracting(r -> r.getAlarm().getType()).containsExactly(AlarmType.MANHOLE_COVER);

    // codec-less uplink: 04B0 = 1200 mm, 007B = 12.3 °C, 55 = 85 %, 01 = probe fault
    MappingResult.Mapped gauge = (MappingResult.Mapped) mapper.map(
        "chirp/application/7/device/a84041000181beef/event/up", utf8("""
            {"fPort": 10, "time": "2026-11-21T05:00:00Z", "data": "BLAAe1UB",
             "deviceInfo": {"devEui": "a84041000181beef"}, "rxInfo": [{"rssi": -120}]}"""), 0);
    assertThat(gauge.rule()).isEqualTo("chirp-gauge-raw");
    assertThat(gauge.records().get(0).getTelemetry().getReadingsList())
        .extracting(r -> r.getMetric() + "=" + switch (r.getValueCase()) {
          case NUMBER -> String.format(java.util.Locale.ROOT, "%.3f", r.getNumber());
          case INTEGER -> String.valueOf(r.getInteger());
          case FLAG -> String.valueOf(r.getFlag());
          default -> r.getText();
        } + r.getUnit())
        .containsExactly("water_level=1.200m", "water_temperature=12.300Cel", "battery=85%",
            "probe_fault=true", "rssi=-120.000dBm");
    RulesDryRun.Outcome level = RulesDryRun.run(rules, gauge.records(), 1_763_701_000_000L,
        60_000);
    assertThat(level.afterTick()).filteredOn(Record::hasAlarm)
        .extracting(r -> r.getAlarm().getType()).containsExactly(AlarmType.WATER_LEVEL);

    // codec-less smoke detector: 01 = smoke alarm (the state byte is the event code), 5A = 90 %
    MappingResult.Mapped smoke = (MappingResult.Mapped) mapper.map(
        "chirp/application/7/device/a84041000181f00d/event/up", utf8("""
            {"fPort": 20, "time": "2026-11-21T05:00:00Z", "data": "AVoA",
             "deviceInfo": {"devEui": "a84041000181f00d"}}"""), 0);
    assertThat(smoke.rule()).isEqualTo("chirp-smoke-raw");
    assertThat(smoke.records().get(0).getTelemetry().getReadingsList())
        .extracting(r -> r.getMetric()).containsExactly("battery", "tamper");
    assertThat(smoke.records().get(1).getEvent().getKind()).isEqualTo(EventKind.SMOKE_ALARM);
    assertThat(smoke.records().get(1).getEvent().getAttributesMap())
        .containsEntry("tamper", "false");
    assertThat(RulesDryRun.run(rules, smoke.records(), 1_763_701_000_000L, 60_000).onMessage())
        .filteredOn(Record::hasAlarm).extracting(r -> r.getAlarm().getType())
        .containsExactly(AlarmType.SMOKE);
    assertThat(mapper.map("chirp/application/7/device/a84041000181f00d/event/up", utf8("""
        {"fPort": 20, "data": "AFkA", "deviceInfo": {"devEui": "a84041000181f00d"}}"""), 0))
        .isInstanceOfSatisfying(MappingResult.Mapped.class, normal -> assertThat(
            normal.eventSkipped()).isEqualTo("code '0' is mapped to NONE (no event)"));

    MappingResult door = mapper.map("isapi/ac-3/event", utf8("""
        {"dateTime": "2026-11-21T13:05:07+08:00",
         "AccessControllerEvent": {"major": 5, "minor": 9, "cardNo": "0012345678", "doorNo": 1}}"""), 0);
    Record denied = ((MappingResult.Mapped) door).records().get(0);
    assertThat(denied.getEvent().getKind()).isEqualTo(EventKind.ACCESS_DENIED);
    assertThat(denied.getEvent().getCredentialRef()).hasSize(64).doesNotContain("0012345678");
    assertThat(mapper.map("isapi/ac-3/event", utf8(
        "{\"AccessControllerEvent\": {\"major\": 3, \"minor\": 112}}"), 0))
        .isInstanceOf(MappingResult.Ignored.class);
  }
}
