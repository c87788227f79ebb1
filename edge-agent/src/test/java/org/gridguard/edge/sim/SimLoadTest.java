package org.gridguard.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.edge.mapping.MappingResult;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

/**
 * The simulator's load mode: the rate is honoured, alarms are cleared as specified, and every
 * payload goes through the edge's shipped presets without a reject (as {@link PayloadsMappingTest}
 * for the village model).
 */
class SimLoadTest {
  private final PayloadMapper mapper = SimFixtures.presetMapper();

  /** A fake publisher: what was published, when. */
  private static final class Recorder implements SimLoad.Sink {
    final List<String> topics = new ArrayList<>();
    final List<String> payloads = new ArrayList<>();
    final List<Long> nanos = new ArrayList<>();

    @Override
    public void publish(String topic, byte[] payload) {
      topics.add(topic);
      payloads.add(new String(payload, StandardCharsets.UTF_8));
      nanos.add(System.nanoTime());
    }
  }

  private static LoadSpec spec(LoadSpec.Mode mode, List<String> kinds, int devices, double rate,
      long count, Duration clearAfter) {
    return new LoadSpec(mode, kinds, devices, 2, rate, count, "SC", "T", clearAfter, 3);
  }

  @Test
  void run_alarmsAtTwentyPerSecond_spacedByTheRate() throws Exception {
    Recorder sink = new Recorder();
    List<Long> alarmNanos = new ArrayList<>();
    SimLoad load = new SimLoad(spec(LoadSpec.Mode.ALARMS, List.of("smoke"), 50, 20, 40,
        Duration.ofSeconds(10)));
    SimLoad.Result r = load.run(sink, (id, micros, nanos) -> alarmNanos.add(nanos));

    assertThat(r.units()).isEqualTo(40);
    assertThat(alarmNanos).hasSize(40);
    double spanS = (alarmNanos.get(39) - alarmNanos.get(0)) / 1e9;
    // 39 periods of 50 ms: never faster, and on a busy machine at most a little slower
    assertThat(spanS).isBetween(1.95 * 0.99, 1.95 * 1.3);
    // second by second, no burst: at most 21 alarms in any one-second window
    for (int i = 0; i + 21 < alarmNanos.size(); i++) {
      assertThat(alarmNanos.get(i + 21) - alarmNanos.get(i)).isGreaterThan(1_000_000_000L);
    }
  }

  @Test
  void run_slowFirstPublish_noBurstToCatchUp() throws Exception {
    List<Long> alarmNanos = new ArrayList<>();
    boolean[] first = {true};
    SimLoad.Sink slowOnce = (topic, payload) -> {
      if (first[0]) {
        first[0] = false;
        Thread.sleep(500); // a stalled publish, not a wait for a condition
      }
    };
    new SimLoad(spec(LoadSpec.Mode.ALARMS, List.of("smoke"), 10, 10, 6, Duration.ofHours(1)))
        .run(slowOnce, (id, micros, nanos) -> alarmNanos.add(nanos));

    // ticks are never under half the period (50 ms) apart; an alarm is stamped a little after
    // its tick (1 ms late in a CI run: 49.0 ms), so allow 5 ms of that — a burst to catch up
    // on the 500 ms stall would put alarms ~0 ms apart
    for (int i = 1; i < alarmNanos.size(); i++) {
      assertThat(alarmNanos.get(i) - alarmNanos.get(i - 1)).as("gap before alarm %d", i)
          .isGreaterThanOrEqualTo(45_000_000L);
    }
  }

  @Test
  void run_telemetryAtTwoHundredPerSecond_takesOneSecond() throws Exception {
    Recorder sink = new Recorder();
    SimLoad load = new SimLoad(spec(LoadSpec.Mode.TELEMETRY, List.of("water_level",
        "temp_humidity"), 20, 200, 200, Duration.ZERO));
    SimLoad.Result r = load.run(sink, null);

    assertThat(r.units()).isEqualTo(200);
    assertThat(sink.payloads).hasSize(200);
    double spanS = (sink.nanos.get(199) - sink.nanos.get(0)) / 1e9;
    assertThat(spanS).isBetween(0.995 * 0.99, 0.995 * 1.3);
    assertThat(r.unitsPerSecond()).isBetween(150.0, 205.0);
  }

  @Test
  void run_rateZero_publishesUnpaced() throws Exception {
    Recorder sink = new Recorder();
    SimLoad.Result r = new SimLoad(spec(LoadSpec.Mode.TELEMETRY, List.of("gas"), 100, 0, 10_000,
        Duration.ZERO)).run(sink, null);

    assertThat(sink.payloads).hasSize(10_000);
    // a message takes microseconds to generate: unpaced is thousands per second even on a busy
    // shared machine
    assertThat(r.unitsPerSecond()).isGreaterThan(1_000);
  }

  @Test
  void run_smokeAlarms_eachClearedAfterClearAfterAndAllClearedAtTheEnd() throws Exception {
    Recorder sink = new Recorder();
    Map<String, Long> alarmAt = new HashMap<>();
    SimLoad load = new SimLoad(spec(LoadSpec.Mode.ALARMS, List.of("smoke"), 30, 20, 30,
        Duration.ofMillis(300)));
    load.run(sink, (id, micros, nanos) -> alarmAt.put(id, nanos));

    Map<String, Integer> alarms = new HashMap<>();
    Map<String, Integer> clears = new HashMap<>();
    int lastAlarm = 0;
    for (int i = 0; i < sink.payloads.size(); i++) {
      if (sink.payloads.get(i).contains("\"alarm\":1")) {
        lastAlarm = i;
      }
    }
    for (int i = 0; i < sink.payloads.size(); i++) {
      String id = sink.topics.get(i).split("/")[2];
      if (sink.payloads.get(i).contains("\"alarm\":1")) {
        alarms.merge(id, 1, Integer::sum);
      } else if (sink.payloads.get(i).contains("\"alarm\":2")) {
        clears.merge(id, 1, Integer::sum);
        if (i < lastAlarm) { // those after the last alarm are cleared at once at the end
          assertThat(sink.nanos.get(i) - alarmAt.get(id)).as(id).isGreaterThanOrEqualTo(300_000_000L);
        }
      }
    }
    assertThat(alarms).hasSize(30).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(clears).isEqualTo(alarms);
    assertThat(alarms.keySet()).containsExactlyInAnyOrderElementsOf(load.deviceIds());
  }

  @Test
  void run_moreAlarmsThanDevices_clearsADeviceBeforeItAlarmsAgain() throws Exception {
    Recorder sink = new Recorder();
    new SimLoad(spec(LoadSpec.Mode.ALARMS, List.of("smoke"), 3, 0, 10, Duration.ofHours(1)))
        .run(sink, null);

    Map<String, Boolean> open = new HashMap<>();
    int alarms = 0;
    for (int i = 0; i < sink.payloads.size(); i++) {
      String id = sink.topics.get(i).split("/")[2];
      if (sink.payloads.get(i).contains("\"alarm\":1")) {
        assertThat(open.put(id, true)).as("%s alarmed while its alarm was open", id).isNotEqualTo(true);
        alarms++;
      } else {
        assertThat(open.put(id, false)).isTrue();
      }
    }
    assertThat(alarms).isEqualTo(10);
    assertThat(open.values()).containsOnly(false);
  }

  @Test
  void run_alarmsOfEveryAlarmKind_mapThroughThePresetsAsTheirEvents() throws Exception {
    Recorder sink = new Recorder();
    SimLoad load = new SimLoad(spec(LoadSpec.Mode.ALARMS, List.of("smoke", "emergency_button",
        "access_controller", "manhole_cover"), 8, 0, 16, Duration.ZERO));
    load.run(sink, null);

    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    for (int i = 0; i < sink.payloads.size(); i++) {
      List<Record> records = mapped(sink.topics.get(i), sink.payloads.get(i));
      records.stream().filter(Record::hasEvent).forEach(r -> kinds.add(r.getEvent().getKind()));
      assertThat(records).allSatisfy(r -> assertThat(load.deviceIds()).contains(r.getDeviceId()));
    }
    assertThat(kinds).contains(EventKind.SMOKE_ALARM, EventKind.SMOKE_CLEAR,
        EventKind.EMERGENCY_BUTTON, EventKind.DOOR_FORCED, EventKind.MANHOLE_TILT,
        EventKind.MANHOLE_RESTORED);
  }

  @Test
  void run_telemetryOfEveryKind_mapsThroughThePresetsWithoutRejectOrAnomaly() throws Exception {
    Recorder sink = new Recorder();
    SimLoad load = new SimLoad(spec(LoadSpec.Mode.TELEMETRY, DeviceKind.configNames(), 40, 0,
        5_000, Duration.ZERO));
    load.run(sink, null);

    Set<String> devices = new java.util.HashSet<>();
    for (int i = 0; i < sink.payloads.size(); i++) {
      for (Record r : mapped(sink.topics.get(i), sink.payloads.get(i))) {
        devices.add(r.getDeviceId());
        if (r.hasEvent()) {
          assertThat(r.getEvent().getKind()).as(sink.payloads.get(i)).isNotIn(
              EventKind.DOOR_FORCED, EventKind.SMOKE_ALARM, EventKind.EMERGENCY_BUTTON,
              EventKind.MANHOLE_TILT, EventKind.LOW_BATTERY);
        }
      }
    }
    assertThat(devices).containsExactlyInAnyOrderElementsOf(load.deviceIds());
  }

  private List<Record> mapped(String topic, String payload) {
    MappingResult r = mapper.map(topic, payload.getBytes(StandardCharsets.UTF_8),
        System.currentTimeMillis());
    assertThat(r).as("%s %s", topic, payload).isInstanceOf(MappingResult.Mapped.class);
    assertThat(((MappingResult.Mapped) r).droppedFields()).as(payload).isEmpty();
    return ((MappingResult.Mapped) r).records();
  }

  @Test
  void deviceIds_smokeAlarms_followTheDocumentedScheme() {
    LoadSpec spec = LoadSpec.smokeAlarms(3, 2, 5, 3, "B");

    assertThat(spec.deviceIds()).containsExactly("SC-SM-B0000", "SC-SM-B0001", "SC-SM-B0002");
  }

  @Test
  void newSpec_kindWithoutAlarm_refusedNamingTheAlarmKinds() {
    assertThatThrownBy(() -> spec(LoadSpec.Mode.ALARMS, List.of("water_level"), 5, 1, 1,
        Duration.ZERO)).hasMessageContaining("water_level raises no alarm")
        .hasMessageContaining("smoke");
  }

  @Test
  void newSpec_unknownKindOrBadNumbers_refusedNamingWhat() {
    assertThatThrownBy(() -> spec(LoadSpec.Mode.TELEMETRY, List.of("toaster"), 5, 1, 1,
        Duration.ZERO)).hasMessageContaining("unknown device kind 'toaster'");
    assertThatThrownBy(() -> spec(LoadSpec.Mode.TELEMETRY, List.of("gas"), 0, 1, 1,
        Duration.ZERO)).hasMessageContaining("devices must be 1..");
    assertThatThrownBy(() -> spec(LoadSpec.Mode.TELEMETRY, List.of("gas"), 5, -1, 1,
        Duration.ZERO)).hasMessageContaining("rate must be 0..");
    assertThatThrownBy(() -> new LoadSpec(LoadSpec.Mode.TELEMETRY, List.of("gas"), 5, 1, 1, 1,
        "SC", "bad/tag", Duration.ZERO, 1)).hasMessageContaining("tag must be letters, digits")
        .hasMessageContaining("'bad/tag'");
  }

  @Test
  void parse_commandLines_optionsOrClearErrors() {
    SimLoadCommand.Args a = SimLoadCommand.parse(new String[] {"--mqtt-port", "1884", "--mode",
        "alarms", "--devices", "7", "--villages", "3", "--rate", "2.5", "--count", "9", "--tag",
        "W", "--times-file", "/tmp/t.txt", "--start-file", "/tmp/go"});
    assertThat(a.broker()).isEqualTo("tcp://127.0.0.1:1884");
    assertThat(a.startFile()).isEqualTo(java.nio.file.Path.of("/tmp/go"));
    assertThat(SimLoadCommand.parse(new String[] {"--mqtt-port", "1", "--mode", "alarms"})
        .startFile()).isNull();
    assertThat(a.spec().deviceIds()).first().isEqualTo("SC-SM-W0000");
    assertThat(a.spec().ratePerSecond()).isEqualTo(2.5);
    assertThat(a.spec().count()).isEqualTo(9);

    assertThatThrownBy(() -> SimLoadCommand.parse(new String[] {"--mode", "alarms"}))
        .hasMessageContaining("--mqtt-port or --broker is required");
    assertThatThrownBy(() -> SimLoadCommand.parse(new String[] {"--mqtt-port", "1", "--mode",
        "telemetry", "--kinds", "gas", "--times-file", "x"})).hasMessageContaining("only with --mode alarms");
    assertThatThrownBy(() -> SimLoadCommand.parse(new String[] {"--mqtt-port", "1", "--mode",
        "storm"})).hasMessageContaining("mode must be alarms or telemetry, was 'storm'");
    assertThatThrownBy(() -> SimLoadCommand.parse(new String[] {"--mqtt-port", "1", "--mode",
        "alarms", "--rate", "fast"})).hasMessageContaining("--rate must be a number, was 'fast'");
  }
}
