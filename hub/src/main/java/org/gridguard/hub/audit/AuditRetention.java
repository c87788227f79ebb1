package org.gridguard.hub.audit;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Deletes audit lines past {@code gridguard.audit.retention}, every {@code purge-interval}. */
@Component
class AuditRetention implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

  private final AuditQuery query;
  private final AuditProperties config;
  private final Clock clock = Clock.systemUTC();
  private ScheduledExecutorService timer;

  AuditRetention(AuditQuery query, AuditProperties config) {
    this.query = query;
    this.config = config;
  }

  int purge() {
    int n = query.purgeBefore(clock.instant().minus(config.retention()));
    if (n > 0) {
      log.info("audit: deleted {} line(s) older than {}", n, config.retention());
    }
    return n;
  }

  @Override
  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-retention");
      t.setDaemon(true);
      return t;
    });
    long every = config.purgeInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        purge();
      } catch (RuntimeException e) {
        log.warn("audit: retention run failed, will retry: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
