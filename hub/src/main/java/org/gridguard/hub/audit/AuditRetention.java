package org.gridguard.hub.audit;

import java.time.Clock;
import java.time.Duration;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Deletes audit lines past {@code gridguard.audit.retention}, every {@code purge-interval}. */
@Component
class AuditRetention extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

  private final AuditQuery query;
  private final AuditProperties config;
  private final Clock clock = Clock.systemUTC();

  AuditRetention(AuditQuery query, AuditProperties config) {
    super("audit-retention", config.purgeInterval());
    this.query = query;
    this.config = config;
  }

  @Override
  protected Duration runOnce() {
    purge();
    return config.purgeInterval();
  }

  int purge() {
    int n = query.purgeBefore(clock.instant().minus(config.retention()));
    if (n > 0) {
      log.info("audit: deleted {} line(s) older than {}", n, config.retention());
    }
    return n;
  }
}
