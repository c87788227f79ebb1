package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class FrameDecoderTest {
  private static final int MAX = FrameFormat.DEFAULT_MAX_FRAME_SIZE;

  private static EmbeddedChannel hubChannel(List<ProtocolException> errors) {
    EmbeddedChannel channel = new EmbeddedChannel();
    ProtocolPipeline.addCodec(channel.pipeline(), Peer.HUB, MAX, MAX);
    channel.pipeline().addLast(ProtocolPipeline.PROTOCOL_ERRORS,
        new ProtocolErrorHandler(Peer.HUB, (ctx, e) -> errors.add(e)));
    return channel;
  }

  @Test
  void channelRead_framesSplitAcrossReads_decodesEachOnce() {
    EmbeddedChannel channel = hubChannel(new ArrayList<>());
    ByteBuf two = Unpooled.buffer();
    FrameCodec.write(SampleMessages.hello(), two, MAX);
    FrameCodec.write(SampleMessages.batch(), two, MAX);
    while (two.isReadable()) {
      channel.writeInbound(two.readRetainedSlice(Math.min(7, two.readableBytes())));
    }
    two.release();
    assertThat((Object) channel.readInbound()).isEqualTo(SampleMessages.hello());
    assertThat((Object) channel.readInbound()).isEqualTo(SampleMessages.batch());
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void channelRead_garbage_sendsRejectClosesAndDiscardsTheRest() {
    List<ProtocolException> errors = new ArrayList<>();
    EmbeddedChannel channel = hubChannel(errors);
    channel.writeInbound(Unpooled.copiedBuffer("HELLO?\r\n\r\n".getBytes()));
    assertThat(errors).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(ProtocolException.Kind.BAD_MAGIC));
    ByteBuf out = channel.readOutbound();
    Reject reject = (Reject) FrameCodec.read(out, MAX, Peer.EDGE);
    out.release();
    assertThat(reject.getReason()).isEqualTo(RejectReason.PROTOCOL_ERROR);
    assertThat(reject.getMessage()).contains("BAD_MAGIC");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void channelRead_oneConnectionSendsGarbage_otherConnectionKeepsDecoding() {
    List<ProtocolException> errors = new ArrayList<>();
    EmbeddedChannel bad = hubChannel(errors);
    EmbeddedChannel good = hubChannel(errors);
    good.writeInbound(FrameCodecTest.frame(SampleMessages.hello()));
    bad.writeInbound(Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.BATCH.code()).writeInt(Integer.MAX_VALUE));
    good.writeInbound(FrameCodecTest.frame(SampleMessages.batch()));
    assertThat(bad.isOpen()).isFalse();
    assertThat(good.isOpen()).isTrue();
    assertThat((Object) good.readInbound()).isInstanceOf(Hello.class);
    assertThat((Object) good.readInbound()).isInstanceOf(Batch.class);
    assertThat(errors).hasSize(1);
    releaseAll(bad);
    good.finishAndReleaseAll();
  }

  @Test
  void channelInactive_insideAFrame_raisesTruncated() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX, Peer.HUB));
    ByteBuf frame = FrameCodecTest.frame(SampleMessages.batch());
    channel.writeInbound(frame.readRetainedSlice(frame.readableBytes() - 3));
    frame.release();
    assertThatThrownBy(channel::finish).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("TRUNCATED").hasMessageContaining("connection ended inside a frame");
  }

  @Test
  void channelRead_afterError_ignoresFurtherInput() {
    FrameDecoder decoder = new FrameDecoder(MAX, Peer.HUB);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer(new byte[8])))
        .isInstanceOf(ProtocolException.class);
    assertThat(decoder.failed()).isTrue();
    channel.writeInbound(FrameCodecTest.frame(SampleMessages.hello()));
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }

  @Test
  void maxFrameSize_helloLimit_largerFrameRefusedAtItsHeaderWithTheNote() {
    FrameDecoder decoder = new FrameDecoder(MAX, Peer.HUB);
    decoder.maxFrameSize(8192, "before HELLO_ACK");
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    ByteBuf header = Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.HELLO.code()).writeInt(8193);
    assertThatThrownBy(() -> channel.writeInbound(header)).isInstanceOf(ProtocolException.class)
        .hasMessage("FRAME_TOO_LARGE: HELLO frame declares 8193 payload bytes, the maximum "
            + "before HELLO_ACK is 8192");
    channel.finishAndReleaseAll();
  }

  @Test
  void maxFrameSize_raisedAfterHello_largeBatchDecodes() {
    FrameDecoder decoder = new FrameDecoder(4096, Peer.HUB);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    channel.writeInbound(FrameCodecTest.frame(SampleMessages.hello()));
    assertThat((Object) channel.readInbound()).isInstanceOf(Hello.class);
    decoder.maxFrameSize(MAX, "");
    Batch.Builder builder = SampleMessages.batch().toBuilder();
    org.gridguard.protocol.v1.Record first = SampleMessages.batch().getRecords(0);
    for (int i = 0; i < 200; i++) {
      builder.addRecords(first.toBuilder().setSequence(10_000 + i).setDeviceId("d".repeat(64)));
    }
    Batch large = builder.build();
    assertThat(large.getSerializedSize()).isGreaterThan(4096);
    channel.writeInbound(FrameCodecTest.frame(large));
    assertThat((Object) channel.readInbound()).isEqualTo(large);
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void discardInput_connectionEndsInsideAFrame_noTruncatedError() {
    FrameDecoder decoder = new FrameDecoder(MAX, Peer.HUB);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    ByteBuf frame = FrameCodecTest.frame(SampleMessages.batch());
    channel.writeInbound(frame.readRetainedSlice(frame.readableBytes() - 3));
    decoder.discardInput();
    channel.writeInbound(frame.retainedSlice()); // still arriving: dropped
    frame.release();
    assertThat(channel.finish()).isFalse(); // no TRUNCATED: this peer closed it on purpose
    assertThat(decoder.failed()).isFalse();
  }

  @Test
  void write_encoderThroughChannel_producesReadableFrame() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder(MAX));
    channel.writeOutbound(Ack.newBuilder().setSequence(99).build());
    ByteBuf out = channel.readOutbound();
    assertThat(out.readableBytes()).isEqualTo(FrameFormat.HEADER_SIZE + 2);
    assertThat(((Ack) FrameCodec.read(out, MAX, Peer.EDGE)).getSequence()).isEqualTo(99);
    out.release();
    channel.finishAndReleaseAll();
  }

  private static void releaseAll(EmbeddedChannel channel) {
    Object o;
    while ((o = channel.readOutbound()) != null) {
      io.netty.util.ReferenceCountUtil.release(o);
    }
    channel.finishAndReleaseAll();
  }
}
