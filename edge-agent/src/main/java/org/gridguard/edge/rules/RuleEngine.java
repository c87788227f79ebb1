package org.gridguard.edge.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.gridguard.edge.alarm.OpenAlarmsFile;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the edge rules on one thread fed by a bounded queue, with a tick for time-based rules.
 * Sources call {@link #offer} (never blocks; when the queue is full the record is only
 * counted — it is in the spool already, just not evaluated). Alarms go to the {@link SpoolSink}.
 */
public final class RuleEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

  private final RulesConfig config;
  private final RulesMetrics metrics = new RulesMetrics();
  /** One entry per message: the records mapped from it, evaluated together. */
  private final BlockingQueue<Message> queue;

  /** The records of one message and the rules profile their mapping rule names (or null). */
  private record Message(String profile, List<Record> records) {}
  private final AlarmBook book;
  private final RuleEvaluator evaluator;
  private final LongSupplier clock;
  private final Thread thread;
  /** Work for the rules thread between messages (rule reloads); at most a few at a time. */
  private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  public RuleEngine(RulesConfig config, SpoolSink sink, String bootId) {
    this(config, sink, bootId, (Path) null);
  }

  /**
   * @param stateFile where open alarms are kept across restarts (so an alarm begun before a
   *     restart still ends with its own id); {@code null} keeps them in memory only
   */
  public RuleEngine(RulesConfig config, SpoolSink sink, String bootId, Path stateFile) {
    this(config, sink, bootId, System::currentTimeMillis, stateFile);
  }

  RuleEngine(RulesConfig config, SpoolSink sink, String bootId, LongSupplier clock) {
    this(config, sink, bootId, clock, null);
  }

  RuleEngine(RulesConfig config, SpoolSink sink, String bootId, LongSupplier clock,
      Path stateFile) {
    this.config = config;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.book = new AlarmBook(sink, bootId, config.maxOpenAlarms(), metrics, UUID::randomUUID,
        stateFile == null ? null : new OpenAlarmsFile(stateFile));
    this.evaluator = new RuleEvaluator(config, book, metrics);
    this.thread = new Thread(this::run, "edge-rules");
    this.thread.setDaemon(true);
  }

  public RuleEngine start() {
    thread.start();
    return this;
  }

  public RulesMetrics metrics() {
    return metrics;
  }

  /** Hands a mapped record to the rules; never blocks. @return false when dropped */
  public boolean offer(Record record) {
    return offerMessage(List.of(record));
  }

  /**
   * Hands the records mapped from one message to the rules, to be evaluated together (the
   * device's own state in the message wins over thresholds, see {@link RuleEvaluator});
   * never blocks. @return false when dropped
   */
  public boolean offerMessage(List<Record> records) {
    return offerMessage(null, records);
  }

  /**
   * As {@link #offerMessage(List)}, for records whose mapping rule names a rules profile
   * ({@code rules:}, a {@code rules.device_types} entry): their devices get that profile's
   * rules over their type's (precedence: device id, profile, device type, built-in).
   */
  public boolean offerMessage(String profile, List<Record> records) {
    metrics.offered.add(records.size());
    if (!queue.offer(new Message(profile, records))) {
      metrics.droppedQueueFull.add(records.size());
      return false;
    }
    return true;
  }

  /**
   * Swaps the per-device and per-type rules on the rules thread, between two messages, within
   * one tick: open alarms and what the rules learned about each device stay; alarms whose rule
   * is gone get their END (see {@link RulesReload}) — also when a {@code rules.device_types}
   * entry is removed, unless the built-in rules of the type have a rule of the same name, which
   * then carries the alarm on with its own levels. The queue, tick and limits stay those this
   * engine was built with. The future completes with how many alarms were ended.
   */
  public CompletableFuture<Integer> reload(RulesConfig newConfig, String why) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    control.add(() -> {
      try {
        int ended = evaluator.reconfigure(newConfig, clock.getAsLong(), why);
        book.saveIfChanged();
        LOG.info("edge rules reloaded ({}): {} device rule(s), {} device-type rule(s), {} "
            + "alarm(s) ended", why, newConfig.devices().size(), newConfig.deviceTypes().size(),
            ended);
        done.complete(ended);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  private void run() {
    long tickMs = config.tick().toMillis();
    long nextTick = clock.getAsLong() + tickMs;
    while (running) {
      try {
        long wait = Math.max(0, nextTick - clock.getAsLong());
        Message message = queue.poll(wait, TimeUnit.MILLISECONDS);
        if (message != null) {
          evaluator.onMessage(message.profile(), message.records(), clock.getAsLong());
        }
        for (Runnable task; (task = control.poll()) != null; ) {
          task.run();
        }
        if (clock.getAsLong() >= nextTick) {
          evaluator.onTick(clock.getAsLong());
          book.saveIfChanged();
          nextTick = clock.getAsLong() + tickMs;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("edge rule evaluation failed; continuing", e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
    if (!thread.isAlive()) {
      book.saveIfChanged();
    }
  }
}
