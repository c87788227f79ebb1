package org.gridguard.edge.mapping;

import java.util.List;
import java.util.Objects;
import org.gridguard.protocol.v1.Record;

/** Outcome of mapping one MQTT message. */
public sealed interface MappingResult {

  /**
   * One or two records (telemetry and/or event), not yet sequenced. {@code droppedFields} lists
   * optional fields that were present but unusable (a text battery value, say), each as
   * "where: why": the rest of the message was kept, and each of them goes to the dead-letter
   * file on its own. {@code eventSkipped} says why the rule's event was left out (a NONE code,
   * unchanged state), or is null. {@code rulesProfile} is the mapping rule's {@code rules:}
   * (the edge rules' profile for these devices), or null.
   */
  record Mapped(String rule, List<Record> records, List<String> droppedFields,
      String eventSkipped, String rulesProfile) implements MappingResult {
    public Mapped(String rule, List<Record> records, List<String> droppedFields,
        String eventSkipped) {
      this(rule, records, droppedFields, eventSkipped, null);
    }

    public Mapped {
      Objects.requireNonNull(rule);
      records = List.copyOf(records);
      droppedFields = List.copyOf(droppedFields);
      if (records.isEmpty()) {
        throw new IllegalArgumentException("a mapped message yields at least one record");
      }
    }

    public Mapped(String rule, List<Record> records, List<String> droppedFields) {
      this(rule, records, droppedFields, null);
    }

    public Mapped(String rule, List<Record> records) {
      this(rule, records, List.of(), null);
    }
  }

  /**
   * Understood and deliberately producing no record: the rule's event code is mapped to NONE,
   * or the state did not change (on_change), and the message has no readings. Acknowledged,
   * counted, not dead-lettered.
   */
  record Ignored(String rule, String reason) implements MappingResult {
    public Ignored {
      Objects.requireNonNull(rule);
      Objects.requireNonNull(reason);
    }
  }

  /** Not mappable; {@code reason} says what and where, for the dead-letter file. */
  record Rejected(String reason) implements MappingResult {
    public Rejected {
      Objects.requireNonNull(reason);
    }
  }
}
