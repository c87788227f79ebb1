package org.gridguard.hub.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Telemetry of one gateway batch on its way to InfluxDB: its lines joined by {@code '\n'}, and
 * records that cannot be written at all (no storable value, a name InfluxDB would misread),
 * which go straight to dead letters with their reason. {@link #durable()} completes once every
 * line is written or dead-lettered.
 */
public record TelemetryBatch(
    String gatewayId, String lines, int points, List<Unwritable> unwritable,
    CompletableFuture<Void> durable) {
  /** A record no line can be made of: its text form and why. */
  public record Unwritable(String record, String reason) {
    public Unwritable {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public TelemetryBatch {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(lines, "lines");
    unwritable = List.copyOf(unwritable);
    Objects.requireNonNull(durable, "durable");
    if (points < 0 || (points == 0) != lines.isEmpty()) {
      throw new IllegalArgumentException("points " + points + " do not match the lines");
    }
  }

  /** Weight against the queue capacity: at least 1 so empty batches are bounded too. */
  public int weight() {
    return Math.max(1, points + unwritable.size());
  }
}
