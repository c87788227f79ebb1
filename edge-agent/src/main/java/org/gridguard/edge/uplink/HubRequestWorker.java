package org.gridguard.edge.uplink;

import io.netty.channel.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the hub's control messages off the event loop (STYLE: never block an event loop):
 * config pushes on one thread with a single waiting slot — a newer push supersedes one still
 * waiting, which is answered "superseded" — and commands on another thread with a small
 * bounded queue (a full queue answers "busy"), so a snapshot waiting for its frame never holds
 * up a push. Each answer goes back on the channel the request came in on ({@link #replyOn}); if
 * that session is gone meanwhile the answer is dropped and counted (the hub re-sends what still matters,
 * PROTOCOL.md §10).
 */
final class HubRequestWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HubRequestWorker.class);
  static final int COMMAND_QUEUE = 4;

  private final HubRequests requests;
  private final Metrics metrics;
  private final ThreadPoolExecutor pushes;
  private final ThreadPoolExecutor commands;
  private final Object lock = new Object();
  /** The push waiting to be applied (at most one); guarded by {@link #lock}. */
  private Pending pending;

  private record Pending(ConfigPush push, Consumer<CommandResult> reply) {
  }

  HubRequestWorker(HubRequests requests, Metrics metrics) {
    this.requests = requests;
    this.metrics = metrics;
    this.pushes = singleThread("uplink-config-push", 1);
    this.commands = singleThread("uplink-commands", COMMAND_QUEUE);
    metrics.gauge("uplink.commands_queued", () -> commands.getQueue().size());
  }

  private static ThreadPoolExecutor singleThread(String name, int queue) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue), r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  long configVersion() {
    return requests.configVersion();
  }

  /** On the event loop: queue the push, superseding one still waiting. Never blocks. */
  void push(ConfigPush push, Consumer<CommandResult> reply) {
    Pending superseded;
    boolean schedule;
    long waiting;
    Pending arriving = new Pending(push, reply);
    synchronized (lock) {
      if (pending != null && pending.push().getConfigVersion() >= push.getConfigVersion()) {
        superseded = arriving; // a newer one waits already
        schedule = false;
      } else {
        superseded = pending;
        schedule = pending == null;
        pending = arriving;
      }
      waiting = pending.push().getConfigVersion();
    }
    if (superseded != null) {
      metrics.counter("config_push.superseded").increment();
      superseded.reply().accept(CommandResult.newBuilder()
          .setCommandId("config:" + superseded.push().getConfigVersion()).setOk(false)
          .setMessage("superseded by config push " + waiting + " before it was applied")
          .build());
    }
    if (schedule) {
      try {
        pushes.execute(this::applyPending);
      } catch (RejectedExecutionException e) {
        // closing (the slot design never queues more than one task)
      }
    }
  }

  /** On the event loop: queue the command, or answer "busy" when the queue is full. */
  void command(Command command, Consumer<CommandResult> reply) {
    try {
      commands.execute(() -> reply.accept(safely(command.getCommandId(),
          () -> requests.command(command))));
    } catch (RejectedExecutionException e) {
      metrics.counter("uplink.commands_refused").increment();
      reply.accept(CommandResult.newBuilder().setCommandId(command.getCommandId())
          .setOk(false).setMessage("busy: " + COMMAND_QUEUE + " commands are waiting already; "
              + "send it again later").build());
    }
  }

  private void applyPending() {
    Pending p;
    synchronized (lock) {
      p = pending;
      pending = null;
    }
    if (p != null) {
      String id = "config:" + p.push().getConfigVersion();
      p.reply().accept(safely(id, () -> requests.configPush(p.push())));
    }
  }

  private static CommandResult safely(String id, Supplier<CommandResult> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      log.error("hub request {} failed", id, e);
      return CommandResult.newBuilder().setCommandId(id).setOk(false)
          .setMessage("failed on the edge: " + e).build();
    }
  }

  /** Answers on the channel a request came in on (thread-safe), unless it has closed since. */
  Consumer<CommandResult> replyOn(Channel channel) {
    return result -> answer(channel, result);
  }

  private void answer(Channel channel, CommandResult result) {
    if (!channel.isActive()) {
      metrics.counter("uplink.results_lost").increment();
      log.info("uplink: answer to {} (ok={}) not sent: the session it came on is closed",
          result.getCommandId(), result.getOk());
      return;
    }
    channel.writeAndFlush(result);
  }

  @Override
  public void close() {
    pushes.shutdownNow();
    commands.shutdownNow();
  }
}
