package org.gridguard.hub.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The threads that do the database work of gateway sessions (Hello, command results, pushes) off
 * the Netty event loops: {@code threads} of them, a queue of {@code queue}; work beyond it is
 * dropped and counted ({@code gridguard_config_push_work_dropped_total}) — the sweep catches up.
 */
@Component
class SessionWork {
  private static final Logger log = LoggerFactory.getLogger(SessionWork.class);

  private final ThreadPoolExecutor executor;
  private final Counter dropped;

  SessionWork(ConfigPushProperties config, MeterRegistry meters) {
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.queue()), r -> {
          Thread t = new Thread(r, "gg-config-push-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.dropped = Counter.builder("gridguard.config.push.work.dropped")
        .description("session work (config push, command results) dropped: queue full")
        .register(meters);
    Gauge.builder("gridguard.config.push.work.queued", executor, e -> e.getQueue().size())
        .description("session work waiting for a thread").register(meters);
  }

  /** Runs {@code work} on a work thread; false (counted) when the queue is full. */
  boolean submit(String what, Runnable work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.warn("{} failed: {}", what, e.toString());
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      dropped.increment();
      return false;
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
