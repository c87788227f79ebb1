package org.gridguard.hub.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of the workflow, {@code gridguard_incident_...}. */
@Component
class IncidentMetrics {
  private final MeterRegistry registry;
  private final Counter fastPath;
  private final Counter repeated;
  private final Counter escalations;
  private final Counter escalationsLost;

  IncidentMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.fastPath = Counter.builder("gridguard_incident_fast_path_total")
        .description("P1 life-safety incidents registered and dispatched at once").register(registry);
    this.repeated = Counter.builder("gridguard_incident_alarm_repeats_total")
        .description("alarms taken in again that already had an incident").register(registry);
    this.escalations = Counter.builder("gridguard_incident_escalations_total")
        .description("overdue incidents escalated by the sweep").register(registry);
    this.escalationsLost = Counter.builder("gridguard_incident_escalation_races_lost_total")
        .description("escalations another hub instance or thread did first").register(registry);
  }

  void created(Incident.Source source, int priority) {
    Counter.builder("gridguard_incident_created_total").tag("source", source.name())
        .tag("priority", "P" + priority).register(registry).increment();
  }

  void transition(IncidentAction action) {
    Counter.builder("gridguard_incident_transitions_total").tag("action", action.pathName())
        .register(registry).increment();
  }

  void fastPath() {
    fastPath.increment();
  }

  /** An alarm joined an open incident by correlation; {@code reclassified}: its category changed. */
  void correlated(boolean reclassified) {
    Counter.builder("gridguard_incident_correlated_total")
        .description("alarms joined to an open incident by a correlation rule")
        .tag("reclassified", Boolean.toString(reclassified)).register(registry).increment();
  }

  void alarmRepeated() {
    repeated.increment();
  }

  void escalated() {
    escalations.increment();
  }

  void escalationLost() {
    escalationsLost.increment();
  }
}
