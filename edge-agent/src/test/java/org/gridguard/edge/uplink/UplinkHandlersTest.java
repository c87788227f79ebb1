package org.gridguard.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.Heartbeat;
import org.junit.jupiter.api.Test;

/** The uplink's per-message handlers on an {@link EmbeddedChannel}, no sockets. */
class UplinkHandlersTest {

  @Test
  void configPush_anyVersion_answeredNotSupportedUnderConfigId() {
    EmbeddedChannel ch = new EmbeddedChannel(new ConfigPushHandler());
    ch.writeInbound(ConfigPush.newBuilder().setConfigVersion(7).build());

    CommandResult result = ch.readOutbound();
    assertThat(result.getCommandId()).isEqualTo("config:7");
    assertThat(result.getOk()).isFalse();
    assertThat(result.getMessage()).isEqualTo(NotSupported.MESSAGE);
    assertThat((Object) ch.readInbound()).as("consumed").isNull();
  }

  @Test
  void command_any_answeredNotSupportedUnderItsId() {
    EmbeddedChannel ch = new EmbeddedChannel(new CommandHandler());
    ch.writeInbound(Command.newBuilder().setCommandId("c-1").build());

    CommandResult result = ch.readOutbound();
    assertThat(result.getCommandId()).isEqualTo("c-1");
    assertThat(result.getOk()).isFalse();
  }

  @Test
  void handlers_messageNotTheirs_passItOn() {
    Ack ack = Ack.newBuilder().setSequence(3).build();
    EmbeddedChannel ch = new EmbeddedChannel(new ConfigPushHandler(), new CommandHandler(),
        new HeartbeatHandler(new Metrics()));
    ch.writeInbound(ack);

    assertThat((Object) ch.readInbound()).isEqualTo(ack);
    assertThat((Object) ch.readOutbound()).isNull();
  }

  @Test
  void heartbeat_writerIdle_sendsHeartbeatEchoingHubs() {
    EmbeddedChannel ch = new EmbeddedChannel(new HeartbeatHandler(new Metrics()));
    ch.writeInbound(Heartbeat.newBuilder().setSentTimeMs(1234).build());
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);

    Heartbeat sent = ch.readOutbound();
    assertThat(sent.getEchoTimeMs()).isEqualTo(1234);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void heartbeat_readerIdle_closesAndCounts() {
    Metrics metrics = new Metrics();
    EmbeddedChannel ch = new EmbeddedChannel(new HeartbeatHandler(metrics));
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

    assertThat(ch.isOpen()).isFalse();
    assertThat(metrics.counterValue("uplink.idle_timeouts")).isEqualTo(1);
  }
}
