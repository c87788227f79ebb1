package org.gridguard.hub.maintenance;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.device.HealthState;
import org.gridguard.hub.schedule.PeriodicTask;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens and closes maintenance orders from the derived health (and the alarm package's
 * {@code alarm_outage}), on every hub instance: a gateway that is down, or lost several devices
 * at once, gets ONE order and its devices none; another device OFFLINE or DEGRADED for
 * {@code open-after} gets its own. The UNIQUE active key makes each order open once across
 * instances; an order closes itself (RECOVERED) when its subject is healthy again. After a
 * technician closes an order by hand, the same spell of ill health does not reopen it.
 */
@Component
class OrderSweep extends PeriodicTask {
  private final OrderRepository orders;
  private final MaintenanceProperties config;
  private final Clock clock;
  private final AuditLog audit;
  private final MeterRegistry meters;
  private final TransactionTemplate tx;

  OrderSweep(OrderRepository orders, MaintenanceProperties config, Clock clock, AuditLog audit,
      MeterRegistry meters, PlatformTransactionManager transactions) {
    super("maintenance-orders", config.sweepInterval());
    this.orders = orders;
    this.config = config;
    this.clock = clock;
    this.audit = audit;
    this.meters = meters;
    this.tx = new TransactionTemplate(transactions);
  }

  @Override
  protected Duration runOnce() {
    sweep();
    return config.sweepInterval();
  }

  /** One run; returns how many orders this caller opened plus closed. */
  int sweep() {
    Instant now = clock.instant();
    Instant before = now.minus(config.openAfter());
    int done = 0;
    for (OrderRepository.Candidate c : orders.gatewayCandidates(before)) {
      done += open(c, now);
    }
    for (OrderRepository.Candidate c : orders.deviceCandidates(before, HealthState.BY_GATEWAY)) {
      done += open(c, now);
    }
    for (long id : orders.recovered()) {
      Boolean closed = tx.execute(s -> {
        if (!orders.close(id, "system", "RECOVERED", null, now)) {
          return false;
        }
        audit.record(AuditEntry.success("system", null, "maintenance.close", "maintenance-order",
            Long.toString(id)).withChange(null, "{\"reason\":\"RECOVERED\"}"));
        return true;
      });
      if (Boolean.TRUE.equals(closed)) {
        meters.counter("gridguard.maintenance.orders.closed", "reason", "RECOVERED").increment();
        done++;
      }
    }
    return done;
  }

  private int open(OrderRepository.Candidate c, Instant now) {
    try {
      tx.executeWithoutResult(s -> {
        long id = orders.open(c, now);
        audit.record(AuditEntry.success("system", null, "maintenance.open", "maintenance-order",
            Long.toString(id)).withChange(null, "{\"kind\":\"" + c.kind() + "\",\"subject\":\""
                + c.activeKey() + "\"}"));
      });
      meters.counter("gridguard.maintenance.orders.opened", "kind", c.kind()).increment();
      return 1;
    } catch (DuplicateKeyException e) {
      return 0; // another instance (or the outage and offline rules together) opened it
    }
  }
}
