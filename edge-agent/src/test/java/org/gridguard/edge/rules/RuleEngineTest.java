package org.gridguard.edge.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

  @Test
  void offer_doorOpenedThenClockPasses_tickThreadEmitsHeldOpen() throws Exception {
    RecordingSink sink = new RecordingSink();
    AtomicLong now = new AtomicLong(1_000_000);
    RulesConfig config = new RulesConfig(16, Duration.ofMillis(10), 100, 100, Map.of(), Map.of());
    try (RuleEngine engine = new RuleEngine(config, sink, "boot", now::get).start()) {
      engine.offer(Record.newBuilder().setDeviceId("ac-1").setEvent(DeviceEvent.newBuilder()
          .setDeviceType("door").setKind(EventKind.DOOR_OPENED).setChannel("1")).build());
      waitFor(() -> engine.metrics().evaluated() == 1);
      now.addAndGet(61_000);
      waitFor(() -> sink.records().stream().anyMatch(Record::hasAlarm));
      assertThat(sink.records().stream().filter(Record::hasAlarm).toList()).singleElement()
          .satisfies(r -> assertThat(r.getAlarm().getPhase()).isEqualTo(AlarmPhase.BEGIN));
    }
  }

  @Test
  void offer_queueFull_dropsAndCountsWithoutBlocking() throws Exception {
    RulesConfig config = new RulesConfig(2, Duration.ofSeconds(1), 100, 100, Map.of(), Map.of());
    RuleEngine engine = new RuleEngine(config, new RecordingSink(), "boot"); // not started
    for (int i = 0; i < 5; i++) {
      engine.offer(Record.newBuilder().setDeviceId("x").build());
    }
    assertThat(engine.metrics().droppedQueueFull()).isEqualTo(3);
    assertThat(engine.metrics().offered()).isEqualTo(5);
  }

  @Test
  void offerMessage_withProfile_deviceJudgedByTheProfilesThresholds() throws Exception {
    RecordingSink sink = new RecordingSink();
    DeviceRules acme = new DeviceRules(java.util.List.of(new ThresholdSpec("smoke_density",
        true, 50, 20, Duration.ZERO, org.gridguard.protocol.v1.AlarmType.SMOKE, 1, 9101, "%/m")),
        null, null, null, null);
    RulesConfig config = new RulesConfig(16, Duration.ofMillis(10), 100, 100,
        Map.of("acme_smoke", acme), Map.of());
    try (RuleEngine engine = new RuleEngine(config, sink, "boot").start()) {
      engine.offerMessage("acme_smoke", java.util.List.of(smoke("sm-1", 30)));
      engine.offerMessage(null, java.util.List.of(smoke("sm-2", 30)));
      waitFor(() -> engine.metrics().evaluated() == 2);
      waitFor(() -> sink.records().stream().anyMatch(Record::hasAlarm));
      // 30 is over the built-in 10 (sm-2) but under the profile's 50 (sm-1)
      assertThat(sink.records().stream().filter(Record::hasAlarm).map(Record::getDeviceId))
          .containsExactly("sm-2");
    }
  }

  private static Record smoke(String device, double density) {
    return Record.newBuilder().setDeviceId(device).setTelemetry(
        org.gridguard.protocol.v1.Telemetry.newBuilder().setDeviceType("smoke").addReadings(
            org.gridguard.protocol.v1.Reading.newBuilder().setMetric("smoke_density")
                .setNumber(density).setUnit("%/m"))).build();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    org.awaitility.Awaitility.await("condition within 5 s").atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
  }
}
