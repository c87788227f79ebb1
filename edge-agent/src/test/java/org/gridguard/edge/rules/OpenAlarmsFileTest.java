package org.gridguard.edge.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridguard.edge.alarm.AlarmKey;
import org.gridguard.edge.alarm.OpenAlarm;
import org.gridguard.edge.alarm.OpenAlarmsFile;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAlarmsFileTest {
  private static final long T0 = 1_763_701_000_000L;
  @TempDir Path dir;
  private final AtomicInteger ids = new AtomicInteger();

  private RuleEvaluator evaluator(RecordingSink sink, RulesMetrics metrics, AlarmBook[] holder) {
    AlarmBook book = new AlarmBook(sink, "boot", 100, metrics,
        () -> new UUID(0, ids.incrementAndGet()), new OpenAlarmsFile(dir.resolve("open.json")));
    holder[0] = book;
    return new RuleEvaluator(RulesConfig.defaults(), book, metrics);
  }

  private static Record level(double v) {
    return Record.newBuilder().setDeviceId("wl-1").setTelemetry(Telemetry.newBuilder()
        .setDeviceType("water_level").addReadings(Reading.newBuilder().setMetric("water_level")
            .setNumber(v))).build();
  }

  private static List<Alarm> alarms(RecordingSink sink) {
    return sink.records().stream().filter(Record::hasAlarm).map(Record::getAlarm).toList();
  }

  @Test
  void restart_alarmOpenBefore_endsAfterwardsWithTheSameId() {
    RecordingSink before = new RecordingSink();
    AlarmBook[] book = new AlarmBook[1];
    RuleEvaluator rules = evaluator(before, new RulesMetrics(), book);
    rules.onRecord(level(1.2), T0);
    rules.onRecord(level(1.21), T0 + 31_000);  // above 1.0 for the 30 s debounce, slowly
    book[0].saveIfChanged();
    assertThat(alarms(before)).extracting(Alarm::getPhase).containsExactly(AlarmPhase.BEGIN);

    RecordingSink after = new RecordingSink();
    RuleEvaluator restarted = evaluator(after, new RulesMetrics(), book);
    restarted.onRecord(level(0.5), T0 + 120_000);

    assertThat(alarms(after)).singleElement().satisfies(end -> {
      assertThat(end.getPhase()).isEqualTo(AlarmPhase.END);
      assertThat(end.getType()).isEqualTo(AlarmType.WATER_LEVEL);
      assertThat(end.getAlarmId()).isEqualTo(alarms(before).get(0).getAlarmId());
      assertThat(end.getBeginTimeMs()).isEqualTo(T0 + 31_000);
    });
  }

  @Test
  void load_corruptOrPartlyBadFile_keepsTheGoodEntries() throws Exception {
    Path file = dir.resolve("open.json");
    Files.writeString(file, """
        [{"device":"d1","type":"SMOKE","zone":"","alarm_id":"a1","begin_ms":1,"rule":"r",
          "priority":1,"category":9101,"hold_ms":0,"last_trigger_ms":1},
         {"device":"d2","type":"NO_SUCH_TYPE","zone":"","alarm_id":"a2","begin_ms":1,"rule":"r",
          "priority":1,"category":0,"hold_ms":0,"last_trigger_ms":1},
         {"device":"d3"}]
        """);
    Map<AlarmKey, OpenAlarm> open = new OpenAlarmsFile(file).load(100);
    assertThat(open).containsOnlyKeys(new AlarmKey("d1", AlarmType.SMOKE, ""));
    Files.writeString(file, "{not json");
    assertThat(new OpenAlarmsFile(file).load(100)).isEmpty();
    assertThat(new OpenAlarmsFile(dir.resolve("missing.json")).load(100)).isEmpty();
  }
}
