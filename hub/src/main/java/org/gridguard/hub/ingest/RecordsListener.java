package org.gridguard.hub.ingest;

import java.util.List;
import org.gridguard.protocol.v1.Record;

/**
 * Told every batch of an open session as it is read, next to {@link
 * org.gridguard.hub.gateway.GatewayActivity#records} and before it is stored (telemetry keeps
 * the series' units this way). Called on a Netty event loop: must neither block nor do I/O.
 */
@FunctionalInterface
interface RecordsListener {
  /** Listens to nothing (ingest tests without telemetry). */
  RecordsListener NONE = (gatewayId, records) -> { };

  void records(String gatewayId, List<Record> records);
}
