package org.gridguard.edge.source.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.MappingResult;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single worker behind the MQTT source's queue: maps each message, appends the records to
 * the spool and marks the message safe for its PUBACK once the spool future completes;
 * unmappable messages go to the dead-letter file and are then safe too. One worker keeps each
 * device's records in arrival order. Each message is mapped once, by the mapper it carries (the
 * one in force when it was taken from the broker), so a mapping swap never re-maps or skips one.
 */
final class MappingWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MappingWorker.class);

  private final BlockingQueue<Inbound> queue;
  private final SpoolSink sink;
  private final DeadLetterFile deadLetters;
  private final MqttSource.Observer observer;
  private final MqttSourceMetrics metrics;
  private final InOrderAcker acker;
  private final Runnable afterDrain;

  MappingWorker(BlockingQueue<Inbound> queue, SpoolSink sink,
      DeadLetterFile deadLetters, MqttSource.Observer observer, MqttSourceMetrics metrics,
      InOrderAcker acker, Runnable afterDrain) {
    this.queue = queue;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.observer = observer;
    this.metrics = metrics;
    this.acker = acker;
    this.afterDrain = afterDrain;
  }

  @Override
  public void run() {
    work();
  }

  private void work() {
    List<Inbound> batch = new ArrayList<>(256);
    while (true) {
      Inbound first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        afterDrain.run();
        continue;
      }
      // take what else is waiting in one go: one lock round-trip instead of one per message
      batch.add(first);
      queue.drainTo(batch, 255);
      for (Inbound in : batch) {
        if (in == Inbound.STOP) {
          return;
        }
        try {
          handle(in);
        } catch (RuntimeException e) {
          // a bug in mapping must not stop the stream; keep the message for later inspection
          LOG.error("unexpected failure mapping a message on {}", in.topic(), e);
          deadLetter(in, "internal error: " + e);
        }
      }
      batch.clear();
    }
  }

  private void handle(Inbound in) {
    MappingResult result = in.mapper().map(in.topic(), in.payload(), in.receivedAtMs());
    if (result instanceof MappingResult.Rejected rejected) {
      deadLetter(in, rejected.reason());
      return;
    }
    if (result instanceof MappingResult.Ignored) {
      metrics.ignored.increment();
      if (in.pending() != null) {
        acker.safe(in.pending());
      }
      return;
    }
    MappingResult.Mapped mapped = (MappingResult.Mapped) result;
    List<Record> records = mapped.records();
    metrics.mapped.increment();
    if (!mapped.droppedFields().isEmpty()) {
      deadLetterFields(in, mapped);
    }
    CompletableFuture<?> done;
    if (records.size() == 1) {
      done = sink.append(records.get(0));
    } else {
      CompletableFuture<?>[] futures = new CompletableFuture<?>[records.size()];
      for (int i = 0; i < futures.length; i++) {
        futures[i] = sink.append(records.get(i));
      }
      done = CompletableFuture.allOf(futures);
    }
    metrics.records.add(records.size());
    done.whenComplete((ok, error) -> {
      if (error != null) {
        // abandon first, count after: whoever sees the count sees the message given back
        if (in.pending() != null) {
          acker.abandon(in.pending());
        }
        metrics.spoolFailures.increment();
        LOG.warn("spool refused a record from {}: {}; leaving it with the broker", in.topic(),
            error.toString());
      } else if (in.pending() != null) {
        acker.safe(in.pending());
      }
    });
    observer.mapped(mapped.rulesProfile(), records);
  }

  /** The message was kept; each unusable optional field is dead-lettered with its reason. */
  private void deadLetterFields(Inbound in, MappingResult.Mapped mapped) {
    for (String reason : mapped.droppedFields()) {
      metrics.fieldsDeadLettered.increment();
      deadLetters.add(in.receivedAtMs(), in.topic(), "rule '" + mapped.rule() + "' kept the "
          + "message without a field: " + reason, in.mapper().redactForDeadLetter(in.topic(),
          in.payload()));
    }
  }

  private void deadLetter(Inbound in, String reason) {
    metrics.deadLettered.increment();
    deadLetters.add(in.receivedAtMs(), in.topic(), reason,
        in.mapper().redactForDeadLetter(in.topic(), in.payload()));
    if (in.pending() != null) {
      acker.safe(in.pending());
    }
  }

}
