package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

/** Why a well-formed item can never be stored (PROTOCOL.md §2.6), named field by field. */
class StorageRulesTest {
  private static final long MAX = 64L << 20;

  private static Record telemetry(String device, String type, String metric) {
    return Record.newBuilder().setSequence(1).setDeviceId(device).setTelemetry(Telemetry
        .newBuilder().setDeviceType(type).addReadings(Reading.newBuilder().setMetric(metric)
            .setNumber(1))).build();
  }

  @Test
  void problem_telemetryNames_inLineOrder() {
    assertThat(StorageRules.problem(telemetry("d", "smoke", "density"))).isNull();
    assertThat(StorageRules.problem(telemetry("d\\", "smoke\\", "x\\")))
        .startsWith("telemetry.device_type contains a backslash");
    assertThat(StorageRules.problem(telemetry("d\\", "smoke", "x\\")))
        .startsWith("device_id contains a backslash");
    assertThat(StorageRules.problem(telemetry("d", "smoke", "#x")))
        .startsWith("telemetry.readings[0].metric starts with '#'");
    assertThat(StorageRules.problem(telemetry("", "smoke", "x"))).isNull();
  }

  @Test
  void problem_alarmIdWithNulOrDeviceIdWithNul_named() {
    Record alarm = Record.newBuilder().setSequence(1).setDeviceId("d").setAlarm(Alarm.newBuilder()
        .setAlarmId("a\u00001").setType(AlarmType.SMOKE).setPhase(AlarmPhase.BEGIN)
        .setPriority(1)).build();
    assertThat(StorageRules.problem(alarm))
        .isEqualTo("alarm.alarm_id contains a control character: 'a\\u00001'");
    assertThat(StorageRules.problem(alarm.toBuilder().setDeviceId("d\u0000")
        .setAlarm(alarm.getAlarm().toBuilder().setAlarmId("a-1")).build()))
        .startsWith("device_id contains control character U+0000");
  }

  @Test
  void problem_evidenceChunkBeyondMaxSize_namedBeforeAnyWrite() {
    // the attack: 16 bytes at offset 64 GiB, structurally fine
    byte[] data = new byte[16];
    EvidenceChunk chunk = SampleMessages.chunk("ev-1", data, 0, 1, 64L << 30, (64L << 30) + 16,
        data);
    MessageValidator.validate(MessageType.EVIDENCE_CHUNK, chunk);
    assertThat(StorageRules.problem(chunk, MAX)).isEqualTo(
        "total_size 68719476752 bytes is over the maximum evidence size of 67108864 bytes");
    assertThat(StorageRules.problem(SampleMessages.evidenceChunk(), MAX)).isNull();
  }

  @Test
  void problem_evidenceColumnsAndIds_named() {
    EvidenceChunk ok = SampleMessages.evidenceChunk();
    assertThat(StorageRules.problem(ok.toBuilder().setContentType("x".repeat(129))
        .build(), MAX)).startsWith("content_type must be at most 128 characters");
    assertThat(StorageRules.problem(ok.toBuilder().setContentType("image/\u0000")
        .build(), MAX)).startsWith("content_type must be at most 128 characters without control");
    assertThat(StorageRules.problem(ok.toBuilder().setDeviceId("c".repeat(129))
        .build(), MAX)).startsWith("device_id is 129 characters");
    assertThat(StorageRules.problem(ok.toBuilder().setEvidenceId("../hub.mv.db")
        .build(), MAX)).startsWith("evidence_id must be 1-128 characters");
    assertThat(StorageRules.problem(ok.toBuilder().setCount(1_000_000).build(), MAX))
        .startsWith("count 1000000 is more chunks than the");
  }
}
