package org.gridguard.hub.alarm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.v1.AlarmPhase;
import org.springframework.stereotype.Component;

/** Counters of the alarm intake, {@code gridguard_alarm_...}; tags are bounded (types, rules). */
@Component
class AlarmMetrics {
  private final MeterRegistry registry;
  private final Counter repeated;
  private final Counter cleared;
  private final Counter racesLost;
  private final Timer batch;

  AlarmMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.repeated = Counter.builder("gridguard_alarm_repeats_total")
        .description("alarm records added to an active alarm").register(registry);
    this.cleared = Counter.builder("gridguard_alarm_cleared_total")
        .description("active alarms cleared by an END").register(registry);
    this.racesLost = Counter.builder("gridguard_alarm_insert_races_lost_total")
        .description("new alarms another thread or hub instance inserted first (joined)")
        .register(registry);
    this.batch = Timer.builder("gridguard_alarm_batch_seconds")
        .description("time the alarm intake adds to a PRIORITY batch's transaction")
        .register(registry);
  }

  void record(AlarmPhase phase) {
    Counter.builder("gridguard_alarm_records_total").tag("phase", phase.name())
        .register(registry).increment();
  }

  void created(String type) {
    Counter.builder("gridguard_alarm_created_total").tag("type", type).register(registry)
        .increment();
  }

  void repeated() {
    repeated.increment();
  }

  void cleared() {
    cleared.increment();
  }

  void raceLost() {
    racesLost.increment();
  }

  /** Records taken as out of order or as late: reason old_end, late_begin, repeated_end … */
  void ignored(String reason) {
    Counter.builder("gridguard_alarm_out_of_order_total").tag("reason", reason)
        .register(registry).increment();
  }

  void folded(String scope) {
    Counter.builder("gridguard_alarm_storm_folded_total").tag("scope", scope)
        .register(registry).increment();
  }

  /** created, linked (by a rule) or refused (no incident possible). */
  void incident(String outcome) {
    Counter.builder("gridguard_alarm_incidents_total").tag("outcome", outcome)
        .register(registry).increment();
  }

  void ruleHit(String rule) {
    Counter.builder("gridguard_alarm_rule_hits_total").tag("rule", rule).register(registry)
        .increment();
  }

  void batch(long nanos) {
    batch.record(nanos, TimeUnit.NANOSECONDS);
  }
}
