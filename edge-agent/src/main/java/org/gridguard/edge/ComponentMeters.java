package org.gridguard.edge;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.rules.RulesMetrics;
import org.gridguard.edge.source.mqtt.MqttSourceMetrics;

/**
 * Puts the counters the MQTT source and the rules engine keep themselves into the agent's one
 * registry (read on demand, nothing copied), so the log and the Prometheus text show them
 * beside the rest.
 */
final class ComponentMeters {
  private ComponentMeters() {
  }

  static void mqtt(Metrics metrics, MqttSourceMetrics m) {
    MeterRegistry r = metrics.registry();
    m.registerAckLatency(r);
    counter(r, "mqtt.received", m, MqttSourceMetrics::received);
    counter(r, "mqtt.mapped", m, MqttSourceMetrics::mapped);
    counter(r, "mqtt.records", m, MqttSourceMetrics::records);
    counter(r, "mqtt.dead_lettered", m, MqttSourceMetrics::deadLettered);
    counter(r, "mqtt.fields_dead_lettered", m, MqttSourceMetrics::fieldsDeadLettered);
    counter(r, "mqtt.acked", m, MqttSourceMetrics::acked);
    counter(r, "mqtt.stale_acks", m, MqttSourceMetrics::staleAcksSkipped);
    counter(r, "mqtt.queue_overflows", m, MqttSourceMetrics::queueOverflows);
    counter(r, "mqtt.spool_failures", m, MqttSourceMetrics::spoolFailures);
    counter(r, "mqtt.connects", m, MqttSourceMetrics::connects);
    counter(r, "mqtt.connections_lost", m, MqttSourceMetrics::connectionsLost);
    counter(r, "mqtt.redelivery_reconnects", m, MqttSourceMetrics::redeliveryReconnects);
  }

  static void rules(Metrics metrics, RulesMetrics m) {
    MeterRegistry r = metrics.registry();
    counter(r, "rules.offered", m, RulesMetrics::offered);
    counter(r, "rules.dropped_queue_full", m, RulesMetrics::droppedQueueFull);
    counter(r, "rules.evaluated", m, RulesMetrics::evaluated);
    counter(r, "rules.begun", m, RulesMetrics::begun);
    counter(r, "rules.ended", m, RulesMetrics::ended);
    counter(r, "rules.deduplicated", m, RulesMetrics::deduplicated);
    counter(r, "rules.refused_open_limit", m, RulesMetrics::refusedOpenLimit);
    counter(r, "rules.refused_device_limit", m, RulesMetrics::refusedDeviceLimit);
    counter(r, "rules.spool_failures", m, RulesMetrics::spoolFailures);
    counter(r, "rules.state_save_failures", m, RulesMetrics::stateSaveFailures);
    counter(r, "rules.thresholds_overridden", m, RulesMetrics::thresholdsOverridden);
    counter(r, "rules.ends_postponed", m, RulesMetrics::endsPostponed);
  }

  private static <T> void counter(MeterRegistry r, String name, T source,
      ToLongFunction<T> value) {
    FunctionCounter.builder(Metrics.PREFIX + name, source, s -> value.applyAsLong(s))
        .register(r);
  }
}
