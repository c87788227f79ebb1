package org.gridguard.hub.alarm;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Keeps {@code alarm_rate} bounded: every minute, deletes counters older than the retention. */
@Component
class StormCounterPurge implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(StormCounterPurge.class);

  private final StormControl storms;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  StormCounterPurge(StormControl storms, Clock clock) {
    this.storms = storms;
    this.clock = clock;
  }

  void purge() {
    try {
      storms.purge(clock.instant());
    } catch (RuntimeException e) {
      log.warn("storm counter purge failed, will retry: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gg-alarm-purge");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::purge, 1, 1, TimeUnit.MINUTES);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
