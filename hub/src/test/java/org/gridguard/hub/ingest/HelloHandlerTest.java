package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.FrameCodec;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.MessageType;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pre-authentication part of the pipeline on embedded channels. */
@ExtendWith(NettyLeakCheck.class)
class HelloHandlerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(meters);
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final IngestProperties config = new IngestProperties("127.0.0.1", 0, 1 << 20, 4096,
      1_000_000, 100, Duration.ofSeconds(15), Duration.ofSeconds(10), 0, 1, 10, 1, 10,
      new IngestProperties.Tls(false, null, null, IngestProperties.ClientAuthMode.NONE, null),
      8192, new IngestProperties.Unauthenticated(2000, 2, Duration.ofSeconds(10)),
      new IngestProperties.HelloFailures(10, 5, Duration.ofMinutes(1), 1000, 16, 2), 1000, 0.8);
  private final IngestChannelInitializer initializer = new IngestChannelInitializer(config, null,
      channels, new HelloHandler(config, null, null, null, null, Runnable::run, metrics,
          new CreditBudget(1_000_000, 4096, meters)),
      new BatchHandler(null, metrics), new EvidenceHandler(null), new LivenessHandler(metrics),
      metrics);

  @AfterEach
  void close() {
    channels.close().awaitUninterruptibly();
  }

  private EmbeddedChannel connect() {
    EmbeddedChannel channel = new EmbeddedChannel(DefaultChannelId.newInstance(), initializer);
    channel.freezeTime();
    return channel;
  }

  private static Reject reject(EmbeddedChannel channel) {
    ByteBuf frame = channel.readOutbound();
    try {
      return (Reject) FrameCodec.read(frame, FrameFormat.DEFAULT_MAX_FRAME_SIZE, Peer.EDGE);
    } finally {
      frame.release();
    }
  }

  private double count(String name, String tag, String value) {
    var counter = meters.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void channelRead_frameLargerThanAHelloBeforeHelloAck_refusedAtItsHeader() {
    EmbeddedChannel channel = connect();
    channel.writeInbound(Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.HELLO.code()).writeInt(1 << 20));
    Reject reject = reject(channel);
    assertThat(reject.getReason()).isEqualTo(RejectReason.PROTOCOL_ERROR);
    assertThat(reject.getMessage()).isEqualTo("FRAME_TOO_LARGE: HELLO frame declares 1048576 "
        + "payload bytes, the maximum before HELLO_ACK is 8192");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void helloTimeout_partialFrameHeld_countedAsTimeoutNotTruncated() {
    EmbeddedChannel channel = connect();
    channel.writeInbound(Unpooled.buffer().writeShort(FrameFormat.MAGIC).writeByte(1)
        .writeByte(MessageType.HELLO.code()).writeInt(100).writeZero(40)); // slowloris
    channel.advanceTimeBy(10, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(reject(channel).getReason()).isEqualTo(RejectReason.IDLE_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
    channel.finishAndReleaseAll();
    assertThat(count("gridguard.ingest.timeouts", "stage", "hello")).isEqualTo(1);
    assertThat(meters.get("gridguard.ingest.protocol.errors").counter().count()).isZero();
  }

  @Test
  void channelActive_morePendingConnectionsFromOneAddressThanAllowed_rejectedOverloaded() {
    connect();
    connect();
    EmbeddedChannel third = connect(); // embedded channels share one "address"
    Reject reject = reject(third);
    assertThat(reject.getReason()).isEqualTo(RejectReason.OVERLOADED);
    assertThat(reject.getRetryAfterMs()).isEqualTo(10_000);
    assertThat(reject.getMessage()).contains("at most 2");
    assertThat(third.isOpen()).isFalse();
    assertThat(count("gridguard.ingest.unauthenticated.refused", "limit", "per_address"))
        .isEqualTo(1);
  }
}
