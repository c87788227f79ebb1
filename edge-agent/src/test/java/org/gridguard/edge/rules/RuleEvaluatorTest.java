package org.gridguard.edge.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

/** Each rule fires once with BEGIN and END; hysteresis and dedup prevent flapping. */
class RuleEvaluatorTest {
  private static final long T0 = 1_763_701_000_000L;
  private final RecordingSink sink = new RecordingSink();
  private final RulesMetrics metrics = new RulesMetrics();
  private final AtomicInteger ids = new AtomicInteger();
  private RuleEvaluator rules = evaluator(RulesConfig.defaults());

  private RuleEvaluator evaluator(RulesConfig config) {
    AlarmBook book = new AlarmBook(sink, "boot", config.maxOpenAlarms(), metrics,
        () -> new UUID(0, ids.incrementAndGet()));
    return new RuleEvaluator(config, book, metrics);
  }

  private static Record reading(String device, String type, String metric, double value) {
    return Record.newBuilder().setDeviceId(device).setTelemetry(Telemetry.newBuilder()
        .setDeviceType(type).addReadings(Reading.newBuilder().setMetric(metric).setNumber(value)))
        .build();
  }

  private static Record reading(String device, String type, String metric, double value,
      String unit) {
    return Record.newBuilder().setDeviceId(device).setTelemetry(Telemetry.newBuilder()
        .setDeviceType(type).addReadings(Reading.newBuilder().setMetric(metric).setNumber(value)
            .setUnit(unit))).build();
  }

  private static Record event(String device, EventKind kind, String channel) {
    return Record.newBuilder().setDeviceId(device).setEvent(DeviceEvent.newBuilder()
        .setDeviceType("access_controller").setKind(kind).setChannel(channel).setVendorCode("x"))
        .build();
  }

  private AlarmType only;

  private void sinkOnly(AlarmType type) {
    only = type;
  }

  private List<Alarm> alarms() {
    return sink.records().stream().filter(Record::hasAlarm).map(Record::getAlarm)
        .filter(a -> only == null || a.getType() == only).toList();
  }

  private void assertOneBeginEnd(AlarmType type, long beginMs, long endMs) {
    List<Alarm> alarms = alarms();
    assertThat(alarms).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN, AlarmPhase.END);
    assertThat(alarms).extracting(Alarm::getType).containsOnly(type);
    assertThat(alarms.get(0).getAlarmId()).isEqualTo(alarms.get(1).getAlarmId());
    assertThat(alarms.get(0).getBeginTimeMs()).isEqualTo(beginMs);
    assertThat(alarms.get(1).getBeginTimeMs()).isEqualTo(beginMs);
    assertThat(alarms.get(1).getEndTimeMs()).isEqualTo(endMs);
    assertThat(alarms.get(0).getEndTimeMs()).isZero();
  }

  private static Record smokeEvent(String device, EventKind kind) {
    return Record.newBuilder().setDeviceId(device).setEvent(DeviceEvent.newBuilder()
        .setDeviceType("smoke").setKind(kind).setVendorCode("x")).build();
  }

  @Test
  void onMessage_deviceClearWhileReadingAboveThreshold_deviceWinsNoAlarm() {
    // smoke default: smoke_density above 10 begins SMOKE; the same message says SMOKE_CLEAR
    rules.onMessage(List.of(reading("sm-1", "smoke", "smoke_density", 12),
        smokeEvent("sm-1", EventKind.SMOKE_CLEAR)), T0);

    sinkOnly(AlarmType.SMOKE);
    assertThat(alarms()).isEmpty();
    assertThat(metrics.thresholdsOverridden()).isEqualTo(1);
  }

  @Test
  void onMessage_readingAboveThresholdWithoutDeviceState_thresholdStillApplies() {
    rules.onMessage(List.of(reading("sm-1", "smoke", "smoke_density", 12),
        smokeEvent("sm-1", EventKind.LOW_BATTERY)), T0);

    sinkOnly(AlarmType.SMOKE);
    assertThat(alarms()).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);
  }

  @Test
  void onMessage_deviceAlarmWhileReadingBelowClear_alarmOpensAndStaysOpen() {
    rules.onMessage(List.of(reading("sm-1", "smoke", "smoke_density", 2),
        smokeEvent("sm-1", EventKind.SMOKE_ALARM)), T0);
    rules.onTick(T0 + 1000);

    sinkOnly(AlarmType.SMOKE);
    assertThat(alarms()).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);
  }

  @Test
  void end_inTheMillisecondTheAlarmBegan_postponedToNextTickNeverZeroLength() {
    // two messages handled in the same millisecond: edge threshold opens, device clears
    rules.onRecord(reading("sm-1", "smoke", "smoke_density", 12), T0);
    rules.onRecord(smokeEvent("sm-1", EventKind.SMOKE_CLEAR), T0);
    sinkOnly(AlarmType.SMOKE);
    assertThat(alarms()).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);

    rules.onTick(T0 + 1000);

    assertOneBeginEnd(AlarmType.SMOKE, T0, T0 + 1000);
    assertThat(alarms().get(1).getDetail()).contains("SMOKE_CLEAR");
    assertThat(metrics.endsPostponed()).isEqualTo(1);
  }

  @Test
  void end_postponedThenTriggeredAgain_alarmStaysOpen() {
    rules.onRecord(reading("sm-1", "smoke", "smoke_density", 12), T0);
    rules.onRecord(smokeEvent("sm-1", EventKind.SMOKE_CLEAR), T0);
    rules.onRecord(reading("sm-1", "smoke", "smoke_density", 14), T0 + 500);
    rules.onTick(T0 + 1000);

    sinkOnly(AlarmType.SMOKE);
    assertThat(alarms()).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);
  }

  @Test
  void threshold_breachShorterThanDebounce_noAlarm() {
    // water_level default: above 1.0 for 30 s begins, below 0.8 ends
    long t = T0;
    for (double v : new double[] {0.5, 1.1, 1.2, 0.95, 1.05, 0.9, 1.1, 0.85, 0.7}) {
      rules.onRecord(reading("wl-1", "water_level", "water_level", v), t);
      t += 20_000;
    }
    assertThat(alarms()).noneMatch(a -> a.getType() == AlarmType.WATER_LEVEL);
  }

  @Test
  void threshold_oneSampleThenSleep_tickBeginsAfterDebounce() {
    // a LoRaWAN gauge reports 1.3 m once and sleeps for an hour: debounce 30 s is time-based
    rules.onRecord(reading("wl-lora", "water_level", "water_level", 1.3), T0);
    rules.onTick(T0 + 29_000);
    sinkOnly(AlarmType.WATER_LEVEL);
    assertThat(alarms()).isEmpty();

    rules.onTick(T0 + 30_000);
    rules.onTick(T0 + 31_000);
    assertThat(alarms()).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);
    assertThat(alarms().get(0).getBeginTimeMs()).isEqualTo(T0 + 30_000);
    assertThat(alarms().get(0).getValuesMap()).containsEntry("water_level", 1.3);
    assertThat(metrics.debounceFiredByTick()).isEqualTo(1);
    assertThat(metrics.deduplicated()).isZero();
  }

  @Test
  void threshold_backBelowBeforeDebounce_tickFiresNothing() {
    rules.onRecord(reading("wl-5", "water_level", "water_level", 1.3), T0);
    rules.onRecord(reading("wl-5", "water_level", "water_level", 0.9), T0 + 10_000);
    rules.onTick(T0 + 60_000);
    sinkOnly(AlarmType.WATER_LEVEL);
    assertThat(alarms()).isEmpty();
  }

  @Test
  void threshold_firedByTickThenSampleBelowClear_endsWithSameId() {
    rules.onRecord(reading("wl-6", "water_level", "water_level", 1.3), T0);
    rules.onTick(T0 + 30_000);
    rules.onRecord(reading("wl-6", "water_level", "water_level", 1.4), T0 + 40_000);
    rules.onRecord(reading("wl-6", "water_level", "water_level", 0.5), T0 + 90_000);
    sinkOnly(AlarmType.WATER_LEVEL);
    assertOneBeginEnd(AlarmType.WATER_LEVEL, T0 + 30_000, T0 + 90_000);
  }

  @Test
  void threshold_valueOscillatingInHysteresisBand_makesOneAlarm() {
    long t = T0;
    for (double v : new double[] {1.1, 1.2, 1.3, 0.95, 1.05, 0.9, 0.85, 0.79, 1.0}) {
      rules.onRecord(reading("wl-2", "water_level", "water_level", v), t);
      t += 20_000;
    }
    // breach from T0, 30 s reached at T0+40 s (1.3) → BEGIN; 0.95..0.85 stay in the band
    // (1.05 re-triggers the open alarm: dedup); 0.79 at T0+140 s → END; 1.0 is not above 1.0
    sinkOnly(AlarmType.WATER_LEVEL);
    assertOneBeginEnd(AlarmType.WATER_LEVEL, T0 + 40_000, T0 + 140_000);
    assertThat(alarms().get(0).getCategoryCode()).isEqualTo(9104);
    assertThat(alarms().get(0).getPriority()).isEqualTo(1);
    assertThat(alarms().get(0).getValuesMap()).containsEntry("water_level", 1.3);
  }

  @Test
  void threshold_deviceEventAndEdgeThresholdForSameSmoke_makeOneAlarm() {
    rules.onRecord(reading("sm-1", "smoke", "smoke_density", 12), T0);
    rules.onRecord(Record.newBuilder().setDeviceId("sm-1").setEvent(DeviceEvent.newBuilder()
        .setDeviceType("smoke").setKind(EventKind.SMOKE_ALARM).setVendorCode("1")).build(), T0 + 1000);
    rules.onRecord(reading("sm-1", "smoke", "smoke_density", 14), T0 + 2000);
    rules.onRecord(reading("sm-1", "smoke", "smoke_density", 3), T0 + 60_000);
    assertOneBeginEnd(AlarmType.SMOKE, T0, T0 + 60_000);
    assertThat(alarms().get(0).getCategoryCode()).isEqualTo(9101);
    assertThat(metrics.deduplicated()).isEqualTo(2);
  }

  @Test
  void lowBattery_belowTwentyThenAboveTwentyFive_beginsAndEnds() {
    rules.onRecord(reading("th-1", "temp_humidity", "battery", 19), T0);
    rules.onRecord(reading("th-1", "temp_humidity", "battery", 22), T0 + 1000);
    rules.onRecord(reading("th-1", "temp_humidity", "battery", 18), T0 + 2000);
    rules.onRecord(reading("th-1", "temp_humidity", "battery", 26), T0 + 3000);
    assertOneBeginEnd(AlarmType.LOW_BATTERY_LEVEL, T0, T0 + 3000);
    assertThat(alarms().get(0).getCategoryCode()).isZero();
  }

  @Test
  void lowBattery_readingInVolts_refusedCountedNoAlarm() {
    rules.onRecord(reading("th-v", "temp_humidity", "battery", 3.4, "V"), T0);
    rules.onRecord(reading("th-v", "temp_humidity", "battery", 3.3, "V"), T0 + 1000);
    assertThat(alarms()).isEmpty();
    assertThat(metrics.unitRefused()).isEqualTo(2);
  }

  @Test
  void lowBattery_readingInPercent_applies() {
    rules.onRecord(reading("th-p", "temp_humidity", "battery", 15, "%"), T0);
    assertThat(alarms()).extracting(Alarm::getType).containsExactly(AlarmType.LOW_BATTERY_LEVEL);
    assertThat(metrics.unitRefused()).isZero();
  }

  @Test
  void threshold_waterLevelInMillimetres_convertedToMetres() {
    rules.onRecord(reading("wl-mm", "water_level", "water_level", 1300, "mm"), T0);
    rules.onTick(T0 + 30_000);
    rules.onRecord(reading("wl-mm", "water_level", "water_level", 700, "mm"), T0 + 60_000);
    sinkOnly(AlarmType.WATER_LEVEL);
    assertOneBeginEnd(AlarmType.WATER_LEVEL, T0 + 30_000, T0 + 60_000);
    assertThat(alarms().get(0).getValuesMap()).containsEntry("water_level", 1.3);
  }

  @Test
  void threshold_smokeInPpm_refusedNotComparedWithObscuration() {
    rules.onRecord(reading("sm-ppm", "smoke", "smoke_density", 12, "ppm"), T0);
    assertThat(alarms()).isEmpty();
    assertThat(metrics.unitRefused()).isEqualTo(1);
  }

  @Test
  void rateOfChange_fastRiseThenSteady_beginsAndEnds() {
    rules.onRecord(reading("wl-3", "water_level", "water_level", 0.10), T0);
    rules.onRecord(reading("wl-3", "water_level", "water_level", 0.20), T0 + 30_000); // 0.2 m/min
    rules.onRecord(reading("wl-3", "water_level", "water_level", 0.30), T0 + 60_000); // still rising
    rules.onRecord(reading("wl-3", "water_level", "water_level", 0.31), T0 + 120_000); // 0.01 m/min
    assertOneBeginEnd(AlarmType.RATE_OF_CHANGE, T0 + 30_000, T0 + 120_000);
    assertThat(alarms().get(0).getZone()).isEqualTo("water_level");
  }

  @Test
  void doorForced_thenClosed_oneAlarmOnThatDoor() {
    rules.onRecord(event("ac-1", EventKind.DOOR_FORCED, "2"), T0);
    rules.onRecord(event("ac-1", EventKind.DOOR_FORCED, "2"), T0 + 500);
    rules.onRecord(event("ac-1", EventKind.DOOR_CLOSED, "2"), T0 + 20_000);
    List<Alarm> alarms = alarms();
    assertThat(alarms).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN, AlarmPhase.END);
    assertThat(alarms).extracting(Alarm::getType).containsOnly(AlarmType.DOOR_FORCED_OPEN);
    assertThat(alarms.get(0).getZone()).isEqualTo("2");
    assertThat(alarms.get(0).getCategoryCode()).isEqualTo(9205);
    assertThat(alarms.get(1).getEndTimeMs()).isEqualTo(T0 + 20_000);
  }

  @Test
  void doorHeldOpen_longerThanLimit_beginsOnTickEndsOnClose() {
    rules.onRecord(event("ac-1", EventKind.ACCESS_GRANTED, "1"), T0);
    rules.onRecord(event("ac-1", EventKind.DOOR_OPENED, "1"), T0 + 1000);
    rules.onTick(T0 + 60_000);
    assertThat(alarms()).isEmpty();
    rules.onTick(T0 + 62_000);
    rules.onTick(T0 + 63_000);
    rules.onRecord(event("ac-1", EventKind.DOOR_CLOSED, "1"), T0 + 90_000);
    rules.onTick(T0 + 200_000);
    assertOneBeginEnd(AlarmType.DOOR_HELD, T0 + 62_000, T0 + 90_000);
  }

  @Test
  void deniedSwipes_fiveWithinAMinute_oneAlarmEndingWhenQuiet() {
    for (int i = 0; i < 7; i++) {
      rules.onRecord(event("ac-1", EventKind.ACCESS_DENIED, "3"), T0 + i * 5000L);
    }
    rules.onRecord(event("ac-1", EventKind.ACCESS_DENIED, "4"), T0 + 1000); // other door
    rules.onTick(T0 + 60_000);
    assertThat(alarms()).hasSize(1);
    rules.onTick(T0 + 91_000); // last denial at +30 s, window 60 s
    assertOneBeginEnd(AlarmType.REPEATED_DENIALS, T0 + 20_000, T0 + 91_000);
    assertThat(alarms().get(0).getZone()).isEqualTo("3");
  }

  @Test
  void deniedSwipes_spreadOverTwoMinutes_noAlarm() {
    for (int i = 0; i < 6; i++) {
      rules.onRecord(event("ac-1", EventKind.ACCESS_DENIED, "3"), T0 + i * 20_000L);
    }
    assertThat(alarms()).isEmpty();
  }

  @Test
  void silence_longerThanExpectedInterval_beginsAndRecoveryEnds() {
    rules.onRecord(reading("ac-9", "access_controller", "battery", 90), T0);
    rules.onTick(T0 + 9 * 60_000);
    assertThat(alarms()).isEmpty();
    rules.onTick(T0 + 11 * 60_000);
    rules.onTick(T0 + 12 * 60_000);
    rules.onRecord(reading("ac-9", "access_controller", "battery", 90), T0 + 15 * 60_000);
    assertOneBeginEnd(AlarmType.DEVICE_SILENT, T0 + 11 * 60_000, T0 + 15 * 60_000);
    assertThat(alarms().get(0).getCategoryCode()).isZero();
  }

  @Test
  void silence_thenRecovery_reportsOnlineOfflineOnlineStatus() {
    rules.onRecord(reading("ac-9", "access_controller", "battery", 90), T0);
    rules.onRecord(reading("ac-9", "access_controller", "battery", 90), T0 + 60_000);
    rules.onTick(T0 + 12 * 60_000);
    rules.onTick(T0 + 13 * 60_000);
    rules.onRecord(reading("ac-9", "access_controller", "battery", 90), T0 + 15 * 60_000);
    List<Record> statuses = sink.records().stream().filter(Record::hasStatus).toList();
    assertThat(statuses).extracting(r -> r.getStatus().getState()).containsExactly(
        org.gridguard.protocol.v1.DeviceState.ONLINE, org.gridguard.protocol.v1.DeviceState.OFFLINE,
        org.gridguard.protocol.v1.DeviceState.ONLINE);
    assertThat(statuses).extracting(Record::getCaptureTimeMs)
        .containsExactly(T0, T0 + 12 * 60_000, T0 + 15 * 60_000);
    assertThat(statuses).extracting(Record::getDeviceId).containsOnly("ac-9");
  }

  @Test
  void emergencyButton_pressedRepeatedly_oneAlarmEndingAfterHold() {
    Record press = Record.newBuilder().setDeviceId("sos-1").setEvent(DeviceEvent.newBuilder()
        .setDeviceType("emergency_button").setKind(EventKind.EMERGENCY_BUTTON)).build();
    rules.onRecord(press, T0);
    rules.onRecord(press, T0 + 10_000);
    rules.onTick(T0 + 60_000);
    assertThat(alarms()).hasSize(1);
    rules.onTick(T0 + 70_000);
    assertOneBeginEnd(AlarmType.EMERGENCY_CALL, T0, T0 + 70_000);
    assertThat(alarms().get(0).getPriority()).isEqualTo(1);
    assertThat(alarms().get(0).getCategoryCode()).isEqualTo(9103);
  }

  @Test
  void perDeviceOverride_replacesTypeDefault() {
    rules = evaluator(new RulesConfig(100, Duration.ofSeconds(1), 100, 100, Map.of(),
        Map.of("wl-low", new DeviceRules(List.of(new ThresholdSpec("water_level", true, 0.3, 0.2,
            Duration.ZERO, AlarmType.WATER_LEVEL, 2, 9104)), null, null, null, null))));
    rules.onRecord(reading("wl-low", "water_level", "water_level", 0.5), T0);
    rules.onRecord(reading("wl-other", "water_level", "water_level", 0.5), T0);
    assertThat(alarms()).hasSize(1);
    assertThat(sink.records().get(0).getDeviceId()).isEqualTo("wl-low");
    assertThat(alarms().get(0).getPriority()).isEqualTo(2);
  }
}
