package org.gridguard.hub.telemetry;

import java.util.List;
import org.gridguard.hub.gateway.GatewayActivity;
import org.gridguard.hub.gateway.GatewayActivityRecorder;
import org.gridguard.protocol.v1.Record;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * What ingest tells the registry ({@link GatewayActivityRecorder}), and the batches' units to
 * {@link TelemetryUnits} — the one place ingest hands over every batch it reads, so units are
 * kept without a change to ingest. Both only collect in memory (event loop) and write later.
 */
@Primary
@Component
class UnitsActivity implements GatewayActivity {
  private final GatewayActivityRecorder registry;
  private final TelemetryUnits units;

  UnitsActivity(GatewayActivityRecorder registry, TelemetryUnits units) {
    this.registry = registry;
    this.units = units;
  }

  @Override
  public void opened(String gatewayId, String softwareVersion) {
    registry.opened(gatewayId, softwareVersion);
  }

  @Override
  public void heard(String gatewayId) {
    registry.heard(gatewayId);
  }

  @Override
  public void records(String gatewayId, List<Record> records) {
    registry.records(gatewayId, records);
    units.records(gatewayId, records);
  }

  @Override
  public void closed(String gatewayId) {
    registry.closed(gatewayId);
  }
}
