package org.gridguard.edge.mapping;

import java.util.List;
import java.util.Objects;
import org.gridguard.protocol.v1.Record;

/** Outcome of mapping one MQTT message. */
public sealed interface MappingResult {

  /** One or two records (telemetry and/or event), not yet sequenced. */
  record Mapped(String rule, List<Record> records) implements MappingResult {
    public Mapped {
      Objects.requireNonNull(rule);
      records = List.copyOf(records);
      if (records.isEmpty()) {
        throw new IllegalArgumentException("a mapped message yields at least one record");
      }
    }
  }

  /** Not mappable; {@code reason} says what and where, for the dead-letter file. */
  record Rejected(String reason) implements MappingResult {
    public Rejected {
      Objects.requireNonNull(reason);
    }
  }
}
