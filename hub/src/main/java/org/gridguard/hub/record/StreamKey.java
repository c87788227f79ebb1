package org.gridguard.hub.record;

import java.util.Objects;
import org.gridguard.protocol.v1.Lane;

/** One sequence space: (gateway, stream, lane) — PROTOCOL.md §4.1. */
public record StreamKey(String gatewayId, String streamId, Lane lane) {
  public StreamKey {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(lane, "lane");
    if (lane == Lane.UNRECOGNIZED) {
      throw new IllegalArgumentException("lane must be PRIORITY, EVIDENCE or BULK");
    }
  }
}
