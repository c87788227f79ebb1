package org.gridguard.edge.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

/** New device rules while alarms are open: the alarms of removed rules end, the others stay. */
class RulesReloadTest {
  private static final long T0 = 1_763_701_000_000L;
  private final RecordingSink sink = new RecordingSink();
  private final RulesMetrics metrics = new RulesMetrics();
  private final AtomicInteger ids = new AtomicInteger();
  private final AlarmBook book = new AlarmBook(sink, "boot", 100, metrics,
      () -> new UUID(0, ids.incrementAndGet()));

  private static RulesConfig rules(Map<String, Object> devices) {
    ConfigProblems problems = new ConfigProblems();
    RulesConfig config = RulesConfig.from(ConfigNode.root(Map.of("devices", devices), problems));
    problems.throwIfAny("test rules");
    return config;
  }

  private static final Map<String, Object> WATER_AT_06 = Map.of("WL-1", Map.of("thresholds",
      List.of(Map.of("metric", "water_level", "above", 0.6, "clear_below", 0.5,
          "type", "WATER_LEVEL", "priority", 1, "category", 9104))));

  private static Record water(double level) {
    return Record.newBuilder().setDeviceId("WL-1").setTelemetry(Telemetry.newBuilder()
        .setDeviceType("water_level").addReadings(Reading.newBuilder().setMetric("water_level")
            .setNumber(level))).build();
  }

  private List<Alarm> alarms() {
    return sink.records().stream().filter(Record::hasAlarm).map(Record::getAlarm)
        .filter(a -> a.getType() == AlarmType.WATER_LEVEL).toList();
  }

  @Test
  void reconfigure_thresholdRemoved_itsOpenAlarmEndsWithItsId() {
    RuleEvaluator evaluator = new RuleEvaluator(rules(WATER_AT_06), book, metrics);
    evaluator.onRecord(water(0.9), T0);
    assertThat(alarms()).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);

    int ended = evaluator.reconfigure(rules(Map.of("WL-1", Map.of("thresholds", List.of()))),
        T0 + 1000, "config push 2");

    assertThat(ended).isEqualTo(1);
    assertThat(alarms()).extracting(Alarm::getPhase)
        .containsExactly(AlarmPhase.BEGIN, AlarmPhase.END);
    assertThat(alarms().get(1).getAlarmId()).isEqualTo(alarms().get(0).getAlarmId());
    assertThat(alarms().get(1).getDetail()).contains("threshold:water_level removed")
        .contains("config push 2");
    evaluator.onRecord(water(0.95), T0 + 2000);
    assertThat(alarms()).as("the rule is gone: no new alarm").hasSize(2);
  }

  @Test
  void reconfigure_thresholdLevelChanged_alarmGoesOnAndEndsByTheNewLevel() {
    RuleEvaluator evaluator = new RuleEvaluator(rules(WATER_AT_06), book, metrics);
    evaluator.onRecord(water(0.9), T0);

    int ended = evaluator.reconfigure(rules(Map.of("WL-1", Map.of("thresholds",
        List.of(Map.of("metric", "water_level", "above", 0.8, "clear_below", 0.7,
            "type", "WATER_LEVEL"))))), T0 + 1000, "config push 2");
    evaluator.onRecord(water(0.75), T0 + 2000);
    assertThat(alarms()).as("0.75 is not below the new clear level").hasSize(1);
    evaluator.onRecord(water(0.65), T0 + 3000);

    assertThat(ended).isZero();
    assertThat(alarms()).extracting(Alarm::getPhase)
        .containsExactly(AlarmPhase.BEGIN, AlarmPhase.END);
    assertThat(alarms().get(1).getEndTimeMs()).isEqualTo(T0 + 3000);
  }

  @Test
  void reconfigure_otherDeviceChanged_openAlarmUntouched() {
    RuleEvaluator evaluator = new RuleEvaluator(rules(WATER_AT_06), book, metrics);
    evaluator.onRecord(water(0.9), T0);
    Map<String, Object> more = new java.util.HashMap<>(WATER_AT_06);
    more.put("door-east", Map.of("door_held_open", "60s"));

    int ended = evaluator.reconfigure(rules(more), T0 + 1000, "config push 2");

    assertThat(ended).isZero();
    assertThat(alarms()).hasSize(1);
    assertThat(book.openCount()).isEqualTo(1);
  }

  private static RulesConfig typeRules(Map<String, Object> deviceTypes) {
    ConfigProblems problems = new ConfigProblems();
    RulesConfig config = RulesConfig.from(ConfigNode.root(Map.of("device_types", deviceTypes),
        problems));
    problems.throwIfAny("test rules");
    return config;
  }

  private static Record meter(String id, double energy) {
    return Record.newBuilder().setDeviceId(id).setTelemetry(Telemetry.newBuilder()
        .setDeviceType("meter").addReadings(Reading.newBuilder().setMetric("energy")
            .setNumber(energy))).build();
  }

  private List<Alarm> thresholdAlarms() {
    return sink.records().stream().filter(Record::hasAlarm).map(Record::getAlarm)
        .filter(a -> a.getType() == AlarmType.THRESHOLD).toList();
  }

  @Test
  void reconfigure_deviceTypeRuleRemoved_openAlarmOfEveryDeviceOfTheTypeEnds() {
    RuleEvaluator evaluator = new RuleEvaluator(typeRules(Map.of("meter", Map.of("thresholds",
        List.of(Map.of("metric", "energy", "above", 100))))), book, metrics);
    evaluator.onRecord(meter("m-1", 150), T0);
    evaluator.onRecord(meter("m-2", 170), T0);
    assertThat(thresholdAlarms()).extracting(Alarm::getPhase)
        .containsExactly(AlarmPhase.BEGIN, AlarmPhase.BEGIN);

    int ended = evaluator.reconfigure(typeRules(Map.of()), T0 + 1000, "config push 3");

    assertThat(ended).isEqualTo(2);
    assertThat(thresholdAlarms()).extracting(Alarm::getPhase).containsExactly(
        AlarmPhase.BEGIN, AlarmPhase.BEGIN, AlarmPhase.END, AlarmPhase.END);
    assertThat(thresholdAlarms().get(2).getDetail()).contains("threshold:energy removed")
        .contains("config push 3");
    assertThat(book.openCount()).isZero();
  }

  @Test
  void reconfigure_deviceTypeRuleRemovedWhereABuiltInOneOfTheSameNameExists_alarmGoesOnByIt() {
    RuleEvaluator evaluator = new RuleEvaluator(typeRules(Map.of("water_level", Map.of(
        "thresholds", List.of(Map.of("metric", "water_level", "above", 0.6, "clear_below", 0.5,
            "type", "WATER_LEVEL"))))), book, metrics);
    evaluator.onRecord(water(0.9), T0);

    int ended = evaluator.reconfigure(typeRules(Map.of()), T0 + 1000, "config push 4");
    evaluator.onRecord(water(0.85), T0 + 2000);
    assertThat(alarms()).as("0.85 is above the built-in clear level 0.8").hasSize(1);
    evaluator.onRecord(water(0.7), T0 + 3000);

    assertThat(ended).as("the built-in water_level threshold carries the alarm on").isZero();
    assertThat(alarms()).extracting(Alarm::getPhase)
        .containsExactly(AlarmPhase.BEGIN, AlarmPhase.END);
  }
}
