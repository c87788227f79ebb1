package org.gridguard.hub.alarm;

import java.time.Clock;
import java.time.Duration;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Keeps {@code alarm_rate} bounded: every minute, deletes counters older than the retention. */
@Component
class StormCounterPurge extends PeriodicTask {
  static final Duration EVERY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(StormCounterPurge.class);

  private final StormControl storms;
  private final Clock clock;

  StormCounterPurge(StormControl storms, Clock clock) {
    super("gg-alarm-purge", EVERY);
    this.storms = storms;
    this.clock = clock;
  }

  @Override
  protected Duration runOnce() {
    purge();
    return EVERY;
  }

  void purge() {
    try {
      storms.purge(clock.instant());
    } catch (RuntimeException e) {
      log.warn("storm counter purge failed, will retry: {}", e.toString());
    }
  }
}
