package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

/** Structural rules fail the message; storage rules (StorageRules) only name why not storable. */
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
    assertThat(StorageRules.problem(record))
        .startsWith("device_id is 200 characters, at most 128 allowed");
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
