package org.gridguard.edge.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gridguard.protocol.v1.EventKind;

/**
 * How to turn a payload into a {@code DeviceEvent}: the vendor code and its code table, plus
 * optional credential (hashed, never forwarded raw), channel, source event id and attributes.
 * With an empty code table the code must be an {@link EventKind} name. An unknown code is
 * dead-lettered unless {@code unknownCode} names a kind to use instead (usually OTHER). A code
 * mapped to {@code NONE} ({@link #NO_EVENT}) makes no event (a "normal" heartbeat code). The
 * code may be compound: its parts' values joined with "/" ({@code "5/75"} for major 5, sub 75).
 * {@code onChange}: an event whose kind and code equal the device's previous one for this rule
 * is left out (5,000 "normal" reports make one event).
 */
record EventSpec(List<ValueSource> code, Map<String, EventKind> codes, EventKind unknownCode,
    ValueSource credential, ValueSource channel, ValueSource sourceEventId,
    Map<String, ValueSource> attributes, boolean optional, boolean onChange) {

  /** Code table entry {@code NONE}: this code makes no event. */
  static final EventKind NO_EVENT = EventKind.EVENT_KIND_UNSPECIFIED;

  EventSpec {
    code = List.copyOf(code);
    if (code.isEmpty()) {
      throw new IllegalArgumentException("an event needs a code");
    }
    codes = Map.copyOf(codes);
    attributes = Map.copyOf(attributes);
  }
}
