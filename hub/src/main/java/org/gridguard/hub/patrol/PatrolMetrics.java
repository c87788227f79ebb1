package org.gridguard.hub.patrol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The patrol package's counters ({@code gridguard_patrol_*}). */
@Component
class PatrolMetrics {
  private final MeterRegistry registry;
  private final Counter unassigned;

  PatrolMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.unassigned = Counter.builder("gridguard_patrol_unassigned_total")
        .description("dispatches that found nobody on duty (task kept unassigned, dispatchers "
            + "alerted)").register(registry);
  }

  void task(String change) {
    Counter.builder("gridguard_patrol_task_changes_total").tag("change", change)
        .register(registry).increment();
  }

  void feedRow(FeedRow.Kind kind) {
    Counter.builder("gridguard_patrol_feed_rows_total").tag("kind", kind.name().toLowerCase())
        .register(registry).increment();
  }

  void unassigned() {
    unassigned.increment();
  }

  void escalation(String outcome) {
    Counter.builder("gridguard_patrol_escalations_total").tag("outcome", outcome)
        .register(registry).increment();
  }

  void photo(String outcome) {
    Counter.builder("gridguard_patrol_photos_total").tag("outcome", outcome)
        .register(registry).increment();
  }
}
