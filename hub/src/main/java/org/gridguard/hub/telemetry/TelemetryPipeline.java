package org.gridguard.hub.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.protocol.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded road from ingest to InfluxDB. Sessions {@link #offer} batches without blocking;
 * writer threads combine them into requests of about {@code batchSize} lines and retry
 * transient failures (429, 5xx, I/O, misconfiguration) for as long as it takes, with full-jitter
 * exponential backoff honouring Retry-After. Lines refused for good (400/413/422) are found by
 * splitting the request in halves and go to the dead-letter store with the server's reason.
 * A batch's future completes only once all its lines are durable one way or the other.
 *
 * <p>Capacity counts points queued or being written; when it is used up {@link #offer} says no
 * and the caller parks its batch and stops reading ({@link #whenSpace}).
 */
public final class TelemetryPipeline {
  private static final Logger log = LoggerFactory.getLogger(TelemetryPipeline.class);

  private final TelemetryWriter writer;
  private final DeadLetterRepository deadLetters;
  private final InfluxProperties config;
  private final BlockingQueue<TelemetryBatch> queue = new LinkedBlockingQueue<>();
  private final AtomicLong held = new AtomicLong();
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  private record Waiter(int weight, Runnable retry) {}
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private volatile String failure = "not started";

  private final Counter pointsWritten;
  private final Counter retries;
  private final Counter deadLettered;
  private final Timer requestLatency;

  public TelemetryPipeline(TelemetryWriter writer, DeadLetterRepository deadLetters,
      InfluxProperties config, MeterRegistry meters) {
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.config = config;
    meters.gauge("gridguard.telemetry.queue.points", held, AtomicLong::get);
    meters.gauge("gridguard.telemetry.queue.capacity", config, InfluxProperties::queueCapacity);
    pointsWritten = meters.counter("gridguard.telemetry.points.written");
    retries = meters.counter("gridguard.telemetry.write.retries");
    deadLettered = meters.counter("gridguard.telemetry.dead.letters");
    requestLatency = Timer.builder("gridguard.telemetry.batch.latency")
        .description("one InfluxDB write request, retries excluded").publishPercentileHistogram()
        .register(meters);
  }

  /**
   * Takes a batch if there is room. Never blocks.
   *
   * @return false when full: keep the batch and call {@link #whenSpace}
   */
  public boolean offer(TelemetryBatch batch) {
    if (!running) {
      batch.durable().completeExceptionally(new IllegalStateException("telemetry pipeline stopped"));
      return true;
    }
    int weight = batch.weight();
    long after = held.addAndGet(weight);
    if (after > config.queueCapacity() && after > weight) {
      held.addAndGet(-weight);
      return false;
    }
    queue.add(batch);
    return true;
  }

  /**
   * Runs {@code retry} (on the releasing thread: hand off, don't block) once a batch of
   * {@code weight} points would be accepted by {@link #offer}. Waiters are served in order.
   */
  public void whenSpace(int weight, Runnable retry) {
    waiters.add(new Waiter(Math.max(1, weight), retry));
    signalWaiters();
  }

  private boolean fits(int weight) {
    long now = held.get();
    return now == 0 || now + weight <= config.queueCapacity();
  }

  /** Whether the pipeline holds as many points as it may. */
  public boolean full() {
    return held.get() >= config.queueCapacity();
  }

  /** Null when the last write attempt succeeded, else why it failed. */
  public String failure() {
    return failure;
  }

  public long heldPoints() {
    return held.get();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    failure = null;
    for (int i = 0; i < config.writers(); i++) {
      Thread t = new Thread(this::runWriter, "gg-influx-writer-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
  }

  /** Stops the writers; batches not yet durable fail (their sessions are closing anyway). */
  public synchronized void stop() {
    running = false;
    threads.forEach(Thread::interrupt);
    writer.abort(); // blocking socket I/O does not answer interrupts
    for (Thread t : threads) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    TelemetryBatch batch;
    while ((batch = queue.poll()) != null) {
      batch.durable().completeExceptionally(new IllegalStateException("hub stopping"));
    }
  }

  private void runWriter() {
    List<TelemetryBatch> taken = new ArrayList<>();
    while (running) {
      try {
        TelemetryBatch first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        int lines = first.points();
        long lingerUntil = System.nanoTime() + config.linger().toNanos();
        while (lines < config.batchSize()) {
          TelemetryBatch next = queue.poll();
          if (next == null) {
            long wait = lingerUntil - System.nanoTime();
            if (wait <= 0 || (next = queue.poll(wait, TimeUnit.NANOSECONDS)) == null) {
              break;
            }
          }
          taken.add(next);
          lines += next.points();
        }
        writeDurably(taken);
        for (TelemetryBatch batch : taken) {
          held.addAndGet(-batch.weight());
          batch.durable().complete(null);
        }
        taken.clear();
        signalWaiters();
      } catch (InterruptedException e) {
        if (!running) {
          for (TelemetryBatch batch : taken) {
            held.addAndGet(-batch.weight());
            batch.durable().completeExceptionally(new IllegalStateException("hub stopping"));
          }
          return;
        }
      } catch (RuntimeException e) {
        // a bug or the dead-letter database failing: keep the batches, try again
        log.error("telemetry writer failed, retrying the same batches", e);
        failure = e.toString();
        sleepQuietly(config.maxBackoff().toMillis());
      }
    }
  }

  private void signalWaiters() {
    Waiter head;
    while ((head = waiters.peek()) != null && fits(head.weight())) {
      if (waiters.remove(head)) {
        head.retry().run();
      }
    }
  }

  /** Returns once every line of the batches is written or dead-lettered. */
  private void writeDurably(List<TelemetryBatch> batches) throws InterruptedException {
    List<String> chunks = new ArrayList<>(batches.size());
    List<DeadLetterRepository.Entry> unwritable = new ArrayList<>();
    int points = 0;
    for (TelemetryBatch batch : batches) {
      if (batch.points() > 0) {
        chunks.add(batch.lines());
        points += batch.points();
      }
      for (TelemetryBatch.Unwritable record : batch.unwritable()) {
        unwritable.add(new DeadLetterRepository.Entry(batch.gatewayId(), record.record(),
            record.reason()));
      }
    }
    if (!unwritable.isEmpty()) {
      storeDeadLetters(unwritable);
    }
    if (chunks.isEmpty()) {
      return;
    }
    WriteOutcome outcome = writeWithRetry(chunks);
    if (outcome instanceof WriteOutcome.Rejected rejected) {
      List<DeadLetterRepository.Entry> refused =
          RejectedLineFinder.find(batches, rejected, this::writeWithRetry);
      storeDeadLetters(refused);
      points -= refused.size();
    }
    pointsWritten.increment(points);
  }

  private void storeDeadLetters(List<DeadLetterRepository.Entry> entries) {
    deadLetters.insert(entries);
    deadLettered.increment(entries.size());
    log.warn("{} telemetry line(s) dead-lettered, first: {} — {}", entries.size(),
        entries.get(0).line(), entries.get(0).reason());
  }

  /** Written or Rejected; retries everything else until it is one of those. */
  WriteOutcome writeWithRetry(List<String> chunks) throws InterruptedException {
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    while (true) {
      if (!running) {
        throw new InterruptedException("stopping");
      }
      long start = System.nanoTime();
      WriteOutcome outcome = writer.write(chunks);
      requestLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (!(outcome instanceof WriteOutcome.Retry retry)) {
        if (failure != null) {
          log.info("InfluxDB writes succeed again ({})", writer.describe());
        }
        failure = null;
        return outcome;
      }
      retries.increment();
      if (failure == null) {
        log.warn("InfluxDB write failed, retrying with backoff: {}", retry.reason());
      }
      failure = retry.reason();
      Duration after = retry.retryAfter();
      if (after != null) {
        backoff.retryAfter(after.toMillis());
      }
      Thread.sleep(backoff.nextDelayMs());
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
