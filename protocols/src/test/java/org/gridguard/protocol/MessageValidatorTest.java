package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

/** Structural rules fail the message; storage rules only name why a record cannot be stored. */
class MessageValidatorTest {
  private static final long MAX = 64L << 20;

  private static Record telemetry(String device, String type, String metric) {
    return Record.newBuilder().setSequence(1).setDeviceId(device).setTelemetry(Telemetry
        .newBuilder().setDeviceType(type).addReadings(Reading.newBuilder().setMetric(metric)
            .setNumber(1))).build();
  }

  @Test
  void validate_helloDotDotGateway_invalidNamingTheRule() {
    for (String id : new String[] {"..", ".", ".x"}) {
      assertThatThrownBy(() -> MessageValidator.validate(MessageType.HELLO,
          SampleMessages.hello().toBuilder().setGatewayId(id).build()))
          .isInstanceOf(ProtocolException.class)
          .hasMessage("INVALID_MESSAGE: Hello.gateway_id must be 1-64 characters of [A-Za-z0-9._-] starting with "
              + "a letter or digit, was '" + id + "'");
    }
  }

  @Test
  void validate_helloStreamIdWithNul_invalid() {
    assertThatThrownBy(() -> MessageValidator.validate(MessageType.HELLO,
        SampleMessages.hello().toBuilder().setStreamId("s\u00001").build()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Hello.stream_id contains control character U+0000 at index 1");
  }

  @Test
  void validate_recordDeviceIdTooLong_isAStorageProblemNotAProtocolError() {
    Record record = telemetry("d".repeat(200), "smoke", "density");
    MessageValidator.validate(MessageType.BATCH,
        Batch.newBuilder().setLane(Lane.BULK).addRecords(record).build());
    assertThat(MessageValidator.storageProblem(record))
        .startsWith("device_id is 200 characters, at most 128 allowed");
  }

  @Test
  void storageProblem_telemetryNames_inLineOrder() {
    assertThat(MessageValidator.storageProblem(telemetry("d", "smoke", "density"))).isNull();
    assertThat(MessageValidator.storageProblem(telemetry("d\\", "smoke\\", "x\\")))
        .startsWith("telemetry.device_type contains a backslash");
    assertThat(MessageValidator.storageProblem(telemetry("d\\", "smoke", "x\\")))
        .startsWith("device_id contains a backslash");
    assertThat(MessageValidator.storageProblem(telemetry("d", "smoke", "#x")))
        .startsWith("telemetry.readings[0].metric starts with '#'");
    assertThat(MessageValidator.storageProblem(telemetry("", "smoke", "x"))).isNull();
  }

  @Test
  void storageProblem_alarmIdWithNulOrDeviceIdWithNul_named() {
    Record alarm = Record.newBuilder().setSequence(1).setDeviceId("d").setAlarm(Alarm.newBuilder()
        .setAlarmId("a\u00001").setType(AlarmType.SMOKE).setPhase(AlarmPhase.BEGIN)
        .setPriority(1)).build();
    assertThat(MessageValidator.storageProblem(alarm))
        .isEqualTo("alarm.alarm_id contains a control character: 'a\\u00001'");
    assertThat(MessageValidator.storageProblem(alarm.toBuilder().setDeviceId("d\u0000")
        .setAlarm(alarm.getAlarm().toBuilder().setAlarmId("a-1")).build()))
        .startsWith("device_id contains control character U+0000");
  }

  @Test
  void storageProblem_evidenceChunkBeyondMaxSize_namedBeforeAnyWrite() {
    // the attack: 16 bytes at offset 64 GiB, structurally fine
    byte[] data = new byte[16];
    EvidenceChunk chunk = SampleMessages.chunk("ev-1", data, 0, 1, 64L << 30, (64L << 30) + 16,
        data);
    MessageValidator.validate(MessageType.EVIDENCE_CHUNK, chunk);
    assertThat(MessageValidator.storageProblem(chunk, MAX)).isEqualTo(
        "total_size 68719476752 bytes is over the maximum evidence size of 67108864 bytes");
    assertThat(MessageValidator.storageProblem(SampleMessages.evidenceChunk(), MAX)).isNull();
  }

  @Test
  void storageProblem_evidenceColumnsAndIds_named() {
    EvidenceChunk ok = SampleMessages.evidenceChunk();
    assertThat(MessageValidator.storageProblem(ok.toBuilder().setContentType("x".repeat(129))
        .build(), MAX)).startsWith("content_type must be at most 128 characters");
    assertThat(MessageValidator.storageProblem(ok.toBuilder().setContentType("image/\u0000")
        .build(), MAX)).startsWith("content_type must be at most 128 characters without control");
    assertThat(MessageValidator.storageProblem(ok.toBuilder().setDeviceId("c".repeat(129))
        .build(), MAX)).startsWith("device_id is 129 characters");
    assertThat(MessageValidator.storageProblem(ok.toBuilder().setEvidenceId("../hub.mv.db")
        .build(), MAX)).startsWith("evidence_id must be 1-128 characters");
    assertThat(MessageValidator.storageProblem(ok.toBuilder().setCount(1_000_000).build(), MAX))
        .startsWith("count 1000000 is more chunks than the");
  }

  @Test
  void validate_evidenceIndexAboveSignedIntRange_invalidNotNegative() {
    EvidenceChunk chunk = SampleMessages.evidenceChunk().toBuilder().setIndex(-1).setCount(5)
        .build();
    assertThatThrownBy(() -> MessageValidator.validate(MessageType.EVIDENCE_CHUNK, chunk))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("index 4294967295 is not below count 5");
  }

  @Test
  void validate_evidenceDataChecksumStillStructural() {
    EvidenceChunk chunk = SampleMessages.evidenceChunk().toBuilder()
        .setData(ByteString.copyFromUtf8("other")).build();
    assertThatThrownBy(() -> MessageValidator.validate(MessageType.EVIDENCE_CHUNK, chunk))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC-32C");
  }
}
