package org.gridguard.hub.telemetry;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN while InfluxDB does not answer /ping or the last write failed. */
@Component("influx")
class InfluxHealthIndicator implements HealthIndicator {
  private final TelemetryWriter writer;
  private final TelemetryPipeline pipeline;

  InfluxHealthIndicator(TelemetryWriter writer, TelemetryPipeline pipeline) {
    this.writer = writer;
    this.pipeline = pipeline;
  }

  @Override
  public Health health() {
    String ping = writer.ping();
    String failure = pipeline.failure();
    Health.Builder health = ping == null && failure == null ? Health.up() : Health.down();
    health.withDetail("store", writer.describe()).withDetail("queuedPoints", pipeline.heldPoints());
    if (ping != null) {
      health.withDetail("ping", ping);
    }
    if (failure != null) {
      health.withDetail("lastWriteFailure", failure);
    }
    return health.build();
  }
}
