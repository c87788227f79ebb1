package org.gridguard.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pushes and commands leave the event loop into bounded queues; a newer push supersedes. */
class HubRequestWorkerTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Long> applied = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<CommandResult> answers = new CopyOnWriteArrayList<>();
  private final Metrics metrics = new Metrics();
  private final HubRequestWorker worker = new HubRequestWorker(new HubRequests() {
    @Override
    public CommandResult configPush(ConfigPush push) {
      applied.add(push.getConfigVersion());
      awaitRelease();
      return CommandResult.newBuilder().setCommandId("config:" + push.getConfigVersion())
          .setOk(true).build();
    }

    @Override
    public CommandResult command(Command command) {
      commands.add(command.getCommandId());
      awaitRelease();
      return CommandResult.newBuilder().setCommandId(command.getCommandId()).setOk(true).build();
    }

    @Override
    public long configVersion() {
      return 0;
    }
  }, metrics);

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void close() {
    release.countDown();
    worker.close();
  }

  private static ConfigPush push(long version) {
    return ConfigPush.newBuilder().setConfigVersion(version).build();
  }

  private CommandResult answer(String id) {
    return answers.stream().filter(a -> a.getCommandId().equals(id)).findFirst().orElse(null);
  }

  @Test
  void push_newerWhileOneWaits_waitingOneSupersededNewestApplied() {
    worker.push(push(1), answers::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> applied.contains(1L)); // busy with 1
    worker.push(push(2), answers::add); // waits
    worker.push(push(3), answers::add); // supersedes 2

    assertThat(answer("config:2").getOk()).isFalse();
    assertThat(answer("config:2").getMessage()).contains("superseded by config push 3");
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> answer("config:3") != null);
    assertThat(applied).containsExactly(1L, 3L);
    assertThat(answer("config:1").getOk()).isTrue();
    assertThat(metrics.counterValue("config_push.superseded")).isEqualTo(1);
  }

  @Test
  void push_olderArrivesWhileNewerWaits_olderSuperseded() {
    worker.push(push(1), answers::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> applied.contains(1L));
    worker.push(push(5), answers::add);
    worker.push(push(4), answers::add);

    assertThat(answer("config:4").getMessage()).contains("superseded by config push 5");
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> answer("config:5") != null);
    assertThat(applied).containsExactly(1L, 5L);
  }

  @Test
  void command_queueFull_answeredBusyAtOnce() {
    worker.command(Command.newBuilder().setCommandId("running").build(), answers::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> commands.contains("running"));
    for (int i = 0; i < HubRequestWorker.COMMAND_QUEUE; i++) {
      worker.command(Command.newBuilder().setCommandId("q" + i).build(), answers::add);
    }
    worker.command(Command.newBuilder().setCommandId("one-too-many").build(), answers::add);

    assertThat(answer("one-too-many").getOk()).isFalse();
    assertThat(answer("one-too-many").getMessage()).startsWith("busy");
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 6);
    assertThat(metrics.counterValue("uplink.commands_refused")).isEqualTo(1);
  }

  @Test
  void command_handlerThrows_answeredWithTheFailure() {
    HubRequestWorker failing = new HubRequestWorker(new HubRequests() {
      @Override
      public CommandResult configPush(ConfigPush push) {
        throw new IllegalStateException("boom");
      }

      @Override
      public CommandResult command(Command command) {
        throw new IllegalStateException("boom");
      }

      @Override
      public long configVersion() {
        return 0;
      }
    }, metrics);
    failing.push(push(9), answers::add);

    await().atMost(Duration.ofSeconds(5)).until(() -> answer("config:9") != null);
    assertThat(answer("config:9").getOk()).isFalse();
    assertThat(answer("config:9").getMessage()).contains("boom");
    failing.close();
  }
}
