package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.junit.jupiter.api.Test;

class LivenessHandlerTest {
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new LivenessHandler(new IngestMetrics(new SimpleMeterRegistry())));

  private Session open() {
    Session session = new Session(channel, new Gateway("gw-1", "h", "1", false), "s", "x", 0, 0, 0, 10);
    channel.attr(Session.KEY).set(session);
    return session;
  }

  @Test
  void userEventTriggered_writerIdle_sendsHeartbeat() {
    open();
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
    assertThat((Object) channel.readOutbound()).isInstanceOf(Heartbeat.class);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void userEventTriggered_readerIdle_rejectsIdleTimeoutAndCloses() {
    open();
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    Reject reject = channel.readOutbound();
    assertThat(reject.getReason()).isEqualTo(RejectReason.IDLE_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void userEventTriggered_readerIdleWhileHubPausedReading_keepsConnection() {
    open().waitingForSpace(true);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void channelRead_heartbeat_consumedWithoutAnswer() {
    open();
    channel.writeInbound(Heartbeat.newBuilder().setSentTimeMs(1).build());
    assertThat((Object) channel.readInbound()).isNull();
    assertThat((Object) channel.readOutbound()).isNull();
  }
}
