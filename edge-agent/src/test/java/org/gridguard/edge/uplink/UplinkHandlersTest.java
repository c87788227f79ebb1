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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import static org.awaitility.Awaitility.await;

/** The uplink's per-message handlers on an {@link EmbeddedChannel}, no sockets. */
class UplinkHandlersTest {

  @Test
  void configPush_handedToTheWorker_answeredOnTheChannelOffTheEventLoop() {
    List<String> threads = new CopyOnWriteArrayList<>();
    HubRequestWorker worker = new HubRequestWorker(new HubRequests() {
      @Override
      public CommandResult configPush(ConfigPush push) {
        threads.add(Thread.currentThread().getName());
        return CommandResult.newBuilder().setCommandId("config:" + push.getConfigVersion())
            .setOk(true).build();
      }

      @Override
      public CommandResult command(Command command) {
        throw new AssertionError("not a command");
      }

      @Override
      public long configVersion() {
        return 0;
      }
    }, new Metrics());
    EmbeddedChannel ch = new EmbeddedChannel(new ConfigPushHandler(worker));
    ch.writeInbound(ConfigPush.newBuilder().setConfigVersion(7).build());

    await().atMost(Duration.ofSeconds(5)).until(() -> !ch.outboundMessages().isEmpty());
    CommandResult result = ch.readOutbound();
    assertThat(result.getCommandId()).isEqualTo("config:7");
    assertThat(result.getOk()).isTrue();
    assertThat(threads).containsExactly("uplink-config-push");
    assertThat((Object) ch.readInbound()).as("consumed").isNull();
    worker.close();
  }

  @Test
  void command_agentWithoutSupport_answeredNotSupportedUnderItsId() {
    HubRequestWorker worker = new HubRequestWorker(HubRequests.NONE, new Metrics());
    EmbeddedChannel ch = new EmbeddedChannel(new CommandHandler(worker));
    ch.writeInbound(Command.newBuilder().setCommandId("c-1").build());

    await().atMost(Duration.ofSeconds(5)).until(() -> !ch.outboundMessages().isEmpty());
    CommandResult result = ch.readOutbound();
    assertThat(result.getCommandId()).isEqualTo("c-1");
    assertThat(result.getOk()).isFalse();
    assertThat(result.getMessage()).isEqualTo(NotSupported.MESSAGE);
    worker.close();
  }

  @Test
  void handlers_messageNotTheirs_passItOn() {
    Ack ack = Ack.newBuilder().setSequence(3).build();
    HubRequestWorker worker = new HubRequestWorker(HubRequests.NONE, new Metrics());
    EmbeddedChannel ch = new EmbeddedChannel(new ConfigPushHandler(worker),
        new CommandHandler(worker), new HeartbeatHandler(new Metrics()));
    ch.writeInbound(ack);

    assertThat((Object) ch.readInbound()).isEqualTo(ack);
    assertThat((Object) ch.readOutbound()).isNull();
    worker.close();
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
