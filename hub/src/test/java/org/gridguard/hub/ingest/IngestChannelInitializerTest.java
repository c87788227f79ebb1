package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import org.gridguard.protocol.FrameCodec;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestChannelInitializerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(meters);
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final IngestProperties config = new IngestProperties("127.0.0.1", 0, 1 << 20, 4096,
      1_000_000, 2, Duration.ofSeconds(15), Duration.ofSeconds(10), 0, 1, 10, 1, 10,
      new IngestProperties.Tls(false, null, null, IngestProperties.ClientAuthMode.NONE, null),
      8192, new IngestProperties.Unauthenticated(2000, 32, Duration.ofSeconds(10)),
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
    return new EmbeddedChannel(DefaultChannelId.newInstance(), initializer); // distinct ids for the group
  }

  @Test
  void initChannel_withinMaxConnections_staysOpenWithoutAnswer() {
    EmbeddedChannel first = connect();
    EmbeddedChannel second = connect();
    second.runPendingTasks();
    assertThat(second.isOpen()).isTrue();
    assertThat((Object) second.readOutbound()).isNull();
    assertThat(first.isOpen()).isTrue();
    assertThat(meters.get("gridguard.ingest.connections").gauge().value()).isEqualTo(2);
  }

  @Test
  void initChannel_beyondMaxConnections_rejectedOverloadedAndClosed() throws Exception {
    connect();
    connect();
    EmbeddedChannel third = connect();
    third.runPendingTasks();
    ByteBuf frame = third.readOutbound();
    try {
      Reject reject = (Reject) FrameCodec.read(frame, FrameFormat.DEFAULT_MAX_FRAME_SIZE, Peer.EDGE);
      assertThat(reject.getReason()).isEqualTo(RejectReason.OVERLOADED);
      assertThat(reject.getMessage()).contains("maximum of 2 connections");
      assertThat(reject.getRetryAfterMs()).isEqualTo(30_000);
    } finally {
      frame.release();
    }
    assertThat(third.isOpen()).isFalse();
    assertThat(meters.get("gridguard.ingest.rejects").tag("reason", "OVERLOADED").counter().count())
        .isEqualTo(1);
  }
}
