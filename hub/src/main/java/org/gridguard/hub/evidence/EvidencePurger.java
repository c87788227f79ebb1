package org.gridguard.hub.evidence;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Purges evidence older than the retention, every purge interval (privacy: PIPL art. 19). */
@Component
class EvidencePurger implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(EvidencePurger.class);

  private final EvidenceStore store;
  private final EvidenceProperties config;
  private ScheduledExecutorService scheduler;

  EvidencePurger(EvidenceStore store, EvidenceProperties config) {
    this.store = store;
    this.config = config;
  }

  void purge() {
    try {
      int purged = store.purgeBefore(Instant.now().minus(config.retention()));
      if (purged > 0) {
        log.info("purged {} evidence item(s) older than {}", purged, config.retention());
      }
    } catch (RuntimeException e) {
      log.warn("evidence purge failed, will retry: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gg-evidence-purge");
      t.setDaemon(true);
      return t;
    });
    long every = config.purgeInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
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
