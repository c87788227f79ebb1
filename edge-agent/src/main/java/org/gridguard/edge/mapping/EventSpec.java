package org.gridguard.edge.mapping;

import java.util.Map;
import java.util.Objects;
import org.gridguard.protocol.v1.EventKind;

/**
 * How to turn a payload into a {@code DeviceEvent}: the vendor code and its code table, plus
 * optional credential (hashed, never forwarded raw), channel, source event id and attributes.
 * With an empty code table the code must be an {@link EventKind} name. An unknown code is
 * dead-lettered unless {@code unknownCode} names a kind to use instead (usually OTHER).
 */
record EventSpec(ValueSource code, Map<String, EventKind> codes, EventKind unknownCode,
    ValueSource credential, ValueSource channel, ValueSource sourceEventId,
    Map<String, ValueSource> attributes, boolean optional) {

  EventSpec {
    Objects.requireNonNull(code);
    codes = Map.copyOf(codes);
    attributes = Map.copyOf(attributes);
  }
}
