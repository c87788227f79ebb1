package org.gridguard.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VillageModelTest {
  private static final long WALL = 1_763_701_200_000L;

  private static SimConfig config(String extra) {
    return SimConfigParser.parse("""
        seed: 42
        day: {length: 24h, start: "08:00"}
        villages:
          - name: test
            devices:
              - {kind: access_controller, ids: [AC-1], doors: 2, swipes_per_hour: 3600}
              - {kind: smoke, ids: [SM-1]}
              - {kind: water_level, ids: [WL-1], level_mm: 400, peak_mm: 1200}
              - {kind: emergency_button, count: 30}
        """ + extra);
  }

  private static List<SimMessage> run(SimConfig c, SimClock clock, long ticks) {
    VillageModel model = new VillageModel(c, clock);
    List<SimMessage> out = new ArrayList<>();
    for (long t = 0; t < ticks; t++) {
      out.addAll(model.tick(t, WALL + t * 1000));
    }
    return out;
  }

  private static List<SimMessage> run(SimConfig c, long ticks) {
    return run(c, SimFixtures.clock(c), ticks);
  }

  private static long swipes(List<SimMessage> messages) {
    return messages.stream().filter(m -> m.topic().endsWith("/event") && m.anomaly() == null).count();
  }

  @Test
  void tick_sameSeedAndStart_sameMessages() {
    SimConfig c = config("anomalies: {forced_door: 30, smoke: 10, low_battery: 5}\n");
    assertThat(run(c, 900)).isEqualTo(run(c, 900));
  }

  @Test
  void tick_otherSeed_otherMessages() {
    SimConfig c = config("");
    SimConfig other = new SimArgs(null, null, 0, -1, 43L).apply(c);
    assertThat(run(c, 300)).isNotEqualTo(run(other, 300));
  }

  @Test
  void tick_morningRushVersusNight_manyMoreSwipesInTheMorning() {
    SimConfig c = config("");
    long morning = swipes(run(c, SimFixtures.clock("08:00", Duration.ofHours(24)), 1800));
    long night = swipes(run(c, SimFixtures.clock("03:00", Duration.ofHours(24)), 1800));
    // activity 1.0 at 08 and 0.01 at 03, 3600 swipes per hour at the peak: ~1800 vs ~18
    assertThat(morning).isBetween(1500L, 2100L);
    assertThat(night).isLessThan(60);
  }

  @Test
  void tick_compressedDay_rhythmFollowsSimulatedHours() {
    SimConfig c = config("");
    // a 24-minute day: one simulated hour per real minute, starting at 02:00
    SimClock clock = SimFixtures.clock("02:00", Duration.ofMinutes(24));
    assertThat(clock.timeOfDay(6 * 60_000)).isEqualTo(LocalTime.of(8, 0));
    VillageModel model = new VillageModel(c, clock);
    long[] perMinute = new long[10];
    for (long t = 0; t < 600; t++) {
      perMinute[(int) (t / 60)] += swipes(model.tick(t, WALL + t * 1000));
    }
    // minute 1 is 03:00 (0.01), minute 6 is 08:00 (1.0): 3600/h * 1.0 / 60 = 60 per real minute
    assertThat(perMinute[1]).isLessThan(6);
    assertThat(perMinute[6]).isBetween(35L, 90L);
  }

  @Test
  void tick_script_forcedDoorAndSmokeAtTheirSecondsAndSmokeClears() {
    SimConfig c = config("""
        anomalies: {smoke_clear_after: 30s}
        script:
          - {at: 60s, every: 2m, anomaly: forced_door, device: AC-1, door: 2}
          - {at: 90s, anomaly: smoke, device: SM-1}
        """);
    VillageModel model = new VillageModel(c, SimFixtures.clock(c));
    List<Long> forced = new ArrayList<>();
    List<Long> smoke = new ArrayList<>();
    List<Long> cleared = new ArrayList<>();
    for (long t = 0; t < 400; t++) {
      for (SimMessage m : model.tick(t, WALL + t * 1000)) {
        if (m.anomaly() == Anomaly.FORCED_DOOR) {
          forced.add(t);
          assertThat(m.payload()).contains("\"door\":2", "\"evt\":30");
        } else if (m.anomaly() == Anomaly.SMOKE) {
          smoke.add(t);
        } else if (m.deviceId().equals("SM-1") && m.payload().contains("\"alarm\":2")) {
          cleared.add(t);
        }
      }
    }
    assertThat(forced).containsExactly(60L, 180L, 300L);
    assertThat(smoke).containsExactly(90L);
    assertThat(cleared).containsExactly(120L);
  }

  @Test
  void tick_randomRate_aboutTheExpectedNumberOfAnomalies() {
    // 30 buttons, 2 presses per button per hour, one hour: ~60
    SimConfig c = config("anomalies: {emergency_button: 2}\n");
    long presses = run(c, 3600).stream().filter(m -> m.anomaly() == Anomaly.EMERGENCY_BUTTON).count();
    assertThat(presses).isBetween(35L, 90L);
  }

  @Test
  void tick_lowBattery_reportedOnceThenStaysLow() {
    SimConfig c = config("""
        script: [{at: 10s, anomaly: low_battery, device: WL-1}, {at: 20s, anomaly: low_battery, device: WL-1}]
        """);
    List<SimMessage> wl = run(c, 120).stream().filter(m -> m.deviceId().equals("WL-1")).toList();
    assertThat(wl.stream().filter(m -> m.anomaly() == Anomaly.LOW_BATTERY)).hasSize(1);
    assertThat(wl.stream().filter(m -> m.anomaly() == Anomaly.LOW_BATTERY).findFirst().orElseThrow()
        .payload()).contains("\"alarm\":9");
    SimMessage last = wl.get(wl.size() - 1);
    int battery = Integer.parseInt(last.payload().replaceAll(".*\"battery\":(\\d+).*", "$1"));
    assertThat(battery).isLessThan(15);
  }

  @Test
  void tick_risingWater_abovePeakForMostOfItsDurationThenBack() {
    SimConfig c = config("""
        telemetry_interval: 1s
        anomalies: {rising_water_duration: 50s}
        script: [{at: 100s, anomaly: rising_water, device: WL-1}]
        """);
    List<SimMessage> wl = run(c, 200).stream().filter(m -> m.deviceId().equals("WL-1")).toList();
    long high = wl.stream().filter(m -> level(m) >= 1200).count();
    // 50 s: up in the first 10, down in the last 10, at the peak (plus noise) in between
    assertThat(high).isBetween(25L, 45L);
    assertThat(level(wl.get(wl.size() - 1))).isLessThan(500);
  }

  private static int level(SimMessage m) {
    return Integer.parseInt(m.payload().replaceAll(".*\"level_mm\":(\\d+).*", "$1"));
  }

  @Test
  void tick_heartbeats_everyDevicePublishesWithinAMinute() {
    SimConfig c = config("");
    List<String> ids = run(c, 60).stream().map(SimMessage::deviceId).distinct().toList();
    assertThat(ids).containsAll(c.devices().stream().map(SimDevice::id).toList());
  }
}
