package org.gridguard.hub.evidence;

import java.time.Duration;
import java.time.Instant;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Purges evidence older than the retention, every purge interval (privacy: PIPL art. 19). */
@Component
class EvidencePurger extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(EvidencePurger.class);

  private final EvidenceStore store;
  private final EvidenceProperties config;

  EvidencePurger(EvidenceStore store, EvidenceProperties config) {
    super("gg-evidence-purge", config.purgeInterval());
    this.store = store;
    this.config = config;
  }

  @Override
  protected Duration runOnce() {
    purge();
    return config.purgeInterval();
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
}
