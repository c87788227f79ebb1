package org.gridguard.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.edge.mapping.MappingResult;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

/**
 * Every message the simulator generates goes through the edge's own {@link PayloadMapper}
 * with the shipped presets: none may be rejected (dead-lettered), and each anomaly must come
 * out as the event kind the hub turns into an alarm. A preset change that the simulator does
 * not follow fails here.
 */
class PayloadsMappingTest {
  private static final long WALL = Instant.parse("2026-11-21T05:00:00Z").toEpochMilli();
  private final PayloadMapper mapper = SimFixtures.presetMapper();

  /** The demo config with every anomaly frequent, run for two simulated hours. */
  private List<SimMessage> everything() {
    SimConfig demo = SimFixtures.demo();
    SimConfig.Rates busy = new SimConfig.Rates(Map.of(Anomaly.FORCED_DOOR, 60.0,
        Anomaly.DENIED_BURST, 30.0, Anomaly.SMOKE, 30.0, Anomaly.RISING_WATER, 30.0,
        Anomaly.EMERGENCY_BUTTON, 30.0, Anomaly.MANHOLE_OPEN, 30.0, Anomaly.LOW_BATTERY, 10.0),
        Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30));
    SimConfig c = new SimConfig(demo.mqtt(), 7, demo.day(), demo.telemetryInterval(),
        demo.statusInterval(), demo.devices(), busy, demo.script(), demo.cameras());
    VillageModel model = new VillageModel(c, SimFixtures.clock(c));
    List<SimMessage> all = new ArrayList<>();
    for (long t = 0; t < 7200; t++) {
      all.addAll(model.tick(t, WALL + t * 1000));
    }
    return all;
  }

  @Test
  void map_everyGeneratedMessage_mappedWithoutDeadLetterOrDroppedField() {
    List<SimMessage> all = everything();
    Set<DeviceKind> kinds = EnumSet.noneOf(DeviceKind.class);
    for (SimMessage m : all) {
      MappingResult r = mapper.map(m.topic(), m.bytes(), WALL);
      assertThat(r).as("%s %s", m.topic(), m.payload()).isInstanceOf(MappingResult.Mapped.class);
      MappingResult.Mapped mapped = (MappingResult.Mapped) r;
      assertThat(mapped.droppedFields()).as("%s", m.payload()).isEmpty();
      for (Record rec : mapped.records()) {
        assertThat(rec.getDeviceId()).isEqualTo(m.deviceId());
      }
      kinds.add(m.kind());
    }
    assertThat(kinds).as("every kind of the demo published").containsAll(EnumSet.allOf(DeviceKind.class));
  }

  @Test
  void map_eachAnomaly_becomesItsEventKind() {
    Map<Anomaly, EventKind> expected = Map.of(Anomaly.FORCED_DOOR, EventKind.DOOR_FORCED,
        Anomaly.DENIED_BURST, EventKind.ACCESS_DENIED, Anomaly.SMOKE, EventKind.SMOKE_ALARM,
        Anomaly.EMERGENCY_BUTTON, EventKind.EMERGENCY_BUTTON,
        Anomaly.MANHOLE_OPEN, EventKind.MANHOLE_TILT);
    Set<Anomaly> seen = EnumSet.noneOf(Anomaly.class);
    Set<EventKind> kinds = new HashSet<>();
    for (SimMessage m : everything()) {
      List<Record> records = ((MappingResult.Mapped) mapper.map(m.topic(), m.bytes(), WALL)).records();
      records.stream().filter(Record::hasEvent).forEach(r -> kinds.add(r.getEvent().getKind()));
      if (m.anomaly() == null) {
        continue;
      }
      seen.add(m.anomaly());
      EventKind kind = expected.get(m.anomaly());
      if (kind != null) {
        assertThat(records).as(m.payload()).anyMatch(r -> r.hasEvent() && r.getEvent().getKind() == kind);
      }
      if (m.anomaly() == Anomaly.LOW_BATTERY && m.kind() != DeviceKind.ACCESS_CONTROLLER) {
        assertThat(records).as(m.payload())
            .anyMatch(r -> r.hasEvent() && r.getEvent().getKind() == EventKind.LOW_BATTERY);
      }
    }
    assertThat(seen).containsAll(EnumSet.allOf(Anomaly.class));
    assertThat(kinds).contains(EventKind.SMOKE_CLEAR, EventKind.MANHOLE_RESTORED,
        EventKind.ACCESS_GRANTED);
  }

  @Test
  void map_risingWater_levelCrossesPeakInMetres() {
    SimConfig demo = SimFixtures.demo();
    VillageModel model = new VillageModel(demo, SimFixtures.clock(demo));
    double max = 0;
    for (long t = 0; t < 300; t++) {
      for (SimMessage m : model.tick(t, WALL + t * 1000)) {
        if (m.deviceId().equals("SC-WL-RIVER")) {
          Record r = ((MappingResult.Mapped) mapper.map(m.topic(), m.bytes(), WALL)).records().get(0);
          max = Math.max(max, r.getTelemetry().getReadingsList().stream()
              .filter(x -> x.getMetric().equals("water_level")).findFirst().orElseThrow().getNumber());
        }
      }
    }
    // the demo's river threshold is 1.0 m (run-local registers it); the script raises it at 240 s
    assertThat(max).isGreaterThan(1.05).isLessThan(1.3);
  }
}
