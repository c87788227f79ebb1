package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameCodecTest {
  private static final int MAX = FrameFormat.DEFAULT_MAX_FRAME_SIZE;

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void writeThenRead_everyMessageType_returnsEqualMessage(MessageType type) {
    MessageLite sample = SampleMessages.all().get(type);
    Peer receiver = type.direction().receivableBy(Peer.HUB) ? Peer.HUB : Peer.EDGE;
    ByteBuf buf = Unpooled.buffer();
    try {
      FrameCodec.write(sample, buf, MAX);
      assertThat(buf.readableBytes()).isEqualTo(FrameCodec.frameSize(sample));
      assertThat(buf.getByte(3)).isEqualTo((byte) type.code());
      MessageLite decoded = FrameCodec.read(buf, MAX, receiver);
      assertThat(decoded).isEqualTo(sample);
      assertThat(buf.isReadable()).isFalse();
    } finally {
      buf.release();
    }
  }

  @Test
  void samples_coverEveryMessageType() {
    assertThat(SampleMessages.all().keySet()).containsExactlyInAnyOrder(MessageType.values());
  }

  @Test
  void read_partialFrame_returnsNullAndKeepsReaderIndex() {
    ByteBuf whole = frame(SampleMessages.hello());
    ByteBuf part = whole.slice(0, whole.readableBytes() - 1);
    assertThat(FrameCodec.read(part, MAX, Peer.HUB)).isNull();
    assertThat(part.readerIndex()).isZero();
    assertThat(FrameCodec.read(whole.slice(0, 7), MAX, Peer.HUB)).isNull();
    whole.release();
  }

  @Test
  void read_oversizeLengthInHeaderOnly_failsBeforePayloadArrives() {
    ByteBuf header = Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.BATCH.code()).writeInt(MAX + 1);
    assertThatThrownBy(() -> FrameCodec.read(header, MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("FRAME_TOO_LARGE")
        .hasMessageContaining(String.valueOf(MAX + 1));
  }

  @Test
  void read_lengthAboveIntRange_isTooLargeNotNegative() {
    ByteBuf header = Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.BATCH.code()).writeInt(0xFFFF_FFFF);
    assertThatThrownBy(() -> FrameCodec.read(header, MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> assertThat(((ProtocolException) e).kind())
            .isEqualTo(ProtocolException.Kind.FRAME_TOO_LARGE))
        .hasMessageContaining("4294967295");
  }

  @Test
  void read_badMagic_namesWhatWasFound() {
    ByteBuf buf = Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes());
    assertThatThrownBy(() -> FrameCodec.read(buf, MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("BAD_MAGIC").hasMessageContaining("0x4745");
  }

  @Test
  void read_unknownType_isProtocolError() {
    ByteBuf buf = Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1).writeByte(0x7f)
        .writeInt(0);
    assertThatThrownBy(() -> FrameCodec.read(buf, MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("0x7f");
  }

  @Test
  void read_otherMajorVersion_isUnsupportedVersion() {
    ByteBuf buf = frame(SampleMessages.hello());
    buf.setByte(2, 2);
    assertThatThrownBy(() -> FrameCodec.read(buf, MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("UNSUPPORTED_VERSION");
  }

  @Test
  void read_hubBoundMessageAtEdge_isUnexpected() {
    ByteBuf buf = frame(SampleMessages.batch());
    assertThatThrownBy(() -> FrameCodec.read(buf, MAX, Peer.EDGE))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("UNEXPECTED_MESSAGE");
  }

  @Test
  void read_garbagePayload_isMalformedPayload() {
    ByteBuf buf = Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.BATCH.code()).writeInt(3).writeBytes(new byte[] {0x0a, 0x7f, 1});
    assertThatThrownBy(() -> FrameCodec.read(buf, MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("MALFORMED_PAYLOAD");
  }

  @Test
  void read_recordWithoutBody_namesTheRecord() {
    Batch batch = Batch.newBuilder()
        .addRecords(SampleMessages.batch().getRecords(0))
        .addRecords(Record.newBuilder().setSequence(2000)).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(batch), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Batch.records[1] (sequence 2000) has no body");
  }

  @Test
  void read_sequencesNotAscending_isInvalid() {
    Record r = SampleMessages.batch().getRecords(0);
    Batch batch = Batch.newBuilder().addRecords(r).addRecords(r).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(batch), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("above the previous record's 1042");
  }

  @Test
  void read_telemetryInPriorityLane_isInvalid() {
    Batch batch = SampleMessages.bulkBatch().toBuilder().setLane(Lane.PRIORITY).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(batch), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("TELEMETRY belongs in lane BULK, not PRIORITY");
  }

  @Test
  void read_batchInEvidenceLane_isInvalid() {
    Batch batch = SampleMessages.batch().toBuilder().setLane(Lane.EVIDENCE).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(batch), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("Batch.lane 1");
  }

  @Test
  void read_readingWithoutValue_isInvalid() {
    Record r = Record.newBuilder().setSequence(1).setTelemetry(Telemetry.newBuilder()
        .setDeviceType("smoke").addReadings(Reading.newBuilder().setMetric("density"))).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(Batch.newBuilder().setLane(Lane.BULK)
        .addRecords(r).build()), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("(density) has no value");
  }

  @Test
  void read_helloWithBadGatewayId_isInvalid() {
    Hello hello = SampleMessages.hello().toBuilder().setGatewayId("gw 1/../x").build();
    assertThatThrownBy(() -> FrameCodec.read(frame(hello), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("gateway_id");
  }

  @Test
  void read_evidenceChunkWithWrongCrc_isInvalid() {
    EvidenceChunk chunk = SampleMessages.evidenceChunk().toBuilder().setCrc32C(12345).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(chunk), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC-32C");
  }

  @Test
  void read_evidenceChunkPastTotalSize_isInvalid() {
    EvidenceChunk chunk = SampleMessages.evidenceChunk().toBuilder().setTotalSize(3).build();
    assertThatThrownBy(() -> FrameCodec.read(frame(chunk), MAX, Peer.HUB))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("runs past total_size 3");
  }

  @Test
  void write_payloadAbovePeerMaximum_throwsAndWritesNothing() {
    Batch big = Batch.newBuilder().setLane(Lane.BULK).addRecords(Record.newBuilder().setSequence(1)
        .setDeviceId("x".repeat(5000)).setTelemetry(Telemetry.newBuilder().setDeviceType("t")
            .addReadings(Reading.newBuilder().setMetric("m").setNumber(1)))).build();
    ByteBuf out = Unpooled.buffer();
    assertThatThrownBy(() -> FrameCodec.write(big, out, FrameFormat.MIN_MAX_FRAME_SIZE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    assertThat(out.writerIndex()).isZero();
  }

  @Test
  void write_recordIsNotAFrameMessage_throws() {
    assertThatThrownBy(() -> FrameCodec.write(SampleMessages.batch().getRecords(0),
        Unpooled.buffer(), MAX)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Record is not a frame message");
  }

  static ByteBuf frame(MessageLite message) {
    ByteBuf buf = Unpooled.buffer();
    FrameCodec.write(message, buf, FrameFormat.HARD_MAX_FRAME_SIZE);
    return buf;
  }
}
