package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;

/**
 * The event part of a mapping rule: vendor code (single or compound) → {@link EventKind}, with
 * credential (hashed), channel, source event id and attributes; "no event" codes and
 * emit-only-on-change. Thread-safe (the on-change memory is synchronized and bounded).
 */
final class EventMapper {
  static final int MAX_CODE_LENGTH = 64;
  private static final int MAX_ATTRIBUTE_LENGTH = 256;
  /** Devices × rules whose last event the on-change filter remembers (least recent forgotten). */
  static final int MAX_REMEMBERED = 10_000;

  /** An event, or none with the reason (a NONE code, or unchanged since the last one). */
  record Outcome(DeviceEvent event, String skipped) {}

  private final CredentialHasher hasher;
  private final LongAdder unchanged = new LongAdder();
  private final LongAdder noEventCodes = new LongAdder();
  private final Map<String, String> lastByDevice = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };

  EventMapper(CredentialHasher hasher) {
    this.hasher = hasher;
  }

  long unchangedSkipped() {
    return unchanged.sum();
  }

  long noEventCodes() {
    return noEventCodes.sum();
  }

  /** @return null when the rule's event is optional and its code absent */
  Outcome map(String rule, EventSpec spec, String deviceId, String deviceType, JsonNode root,
      String[] levels, DroppedFields dropped) throws MappingException {
    String code = code(spec, root, levels);
    if (code == null) {
      return null;
    }
    EventKind kind = kind(spec, code);
    if (kind == EventSpec.NO_EVENT) {
      noEventCodes.increment();
      return new Outcome(null, "code '" + code + "' is mapped to NONE (no event)");
    }
    if (spec.onChange()) {
      String key = rule + '\u0000' + deviceId;
      String state = kind.name() + '\u0000' + code;
      String previous;
      synchronized (lastByDevice) {
        previous = lastByDevice.put(key, state);
      }
      if (state.equals(previous)) {
        unchanged.increment();
        return new Outcome(null, "code '" + code + "' (" + kind + ") unchanged since the "
            + "device's last event (on_change)");
      }
    }
    DeviceEvent.Builder b = DeviceEvent.newBuilder().setDeviceType(deviceType)
        .setVendorCode(code).setKind(kind);
    String credential = optionalText(spec.credential(), root, levels, 256, "credential", dropped);
    if (credential != null) {
      b.setCredentialRef(hasher.hash(credential));
    }
    String channel = optionalText(spec.channel(), root, levels, MAX_CODE_LENGTH, "channel",
        dropped);
    if (channel != null) {
      b.setChannel(channel);
    }
    String sourceEventId = optionalText(spec.sourceEventId(), root, levels, 128,
        "source_event_id", dropped);
    if (sourceEventId != null) {
      b.setSourceEventId(sourceEventId);
    }
    for (Map.Entry<String, ValueSource> a : spec.attributes().entrySet()) {
      JsonNode c = a.getValue().resolve(root, levels);
      if (c != null && c.isValueNode()) {
        String text = c.asText();
        b.putAttributes(a.getKey(), text.length() > MAX_ATTRIBUTE_LENGTH
            ? text.substring(0, MAX_ATTRIBUTE_LENGTH) : text);
      }
    }
    return new Outcome(b.build(), null);
  }

  /** The code text, compound parts joined with "/"; null when optional and absent. */
  private static String code(EventSpec spec, JsonNode root, String[] levels)
      throws MappingException {
    if (spec.code().size() == 1) {
      ValueSource source = spec.code().get(0);
      JsonNode node = source.resolve(root, levels);
      if (node == null && spec.optional()) {
        return null;
      }
      return Extract.text(node, source.where(), MAX_CODE_LENGTH);
    }
    StringBuilder joined = new StringBuilder();
    for (ValueSource part : spec.code()) {
      JsonNode node = part.resolve(root, levels);
      if (node == null && spec.optional() && joined.isEmpty()) {
        return null;
      }
      joined.append(joined.isEmpty() ? "" : "/")
          .append(Extract.text(node, part.where(), MAX_CODE_LENGTH));
    }
    if (joined.length() > MAX_CODE_LENGTH) {
      throw new MappingException(spec.code().get(0).where(), "compound code longer than "
          + MAX_CODE_LENGTH + " characters");
    }
    return joined.toString();
  }

  /** An optional text part of an event: null when not configured, absent or unusable. */
  private static String optionalText(ValueSource source, JsonNode root, String[] levels,
      int maxLength, String what, DroppedFields dropped) {
    if (source == null) {
      return null;
    }
    JsonNode node = source.resolve(root, levels);
    if (node == null) {
      return null;
    }
    try {
      return Extract.text(node, source.where(), maxLength);
    } catch (MappingException e) {
      // Extract's messages quote no value for objects, arrays, empty or too long text: a
      // credential never appears in them
      dropped.add("event " + what, e.getMessage());
      return null;
    }
  }

  private static EventKind kind(EventSpec spec, String code) throws MappingException {
    EventKind kind = spec.codes().isEmpty() ? byName(code) : spec.codes().get(code);
    if (kind != null) {
      return kind;
    }
    if (spec.unknownCode() != null) {
      return spec.unknownCode();
    }
    throw new MappingException(spec.code().get(0).where(), "unknown vendor event code '" + code
        + "'" + (spec.codes().isEmpty() ? " (expected an event kind name such as DOOR_FORCED)"
            : " (known: " + String.join(", ", new TreeSet<>(spec.codes().keySet())) + ")"));
  }

  private static EventKind byName(String code) {
    try {
      EventKind k = EventKind.valueOf(code.trim().toUpperCase());
      return k == EventKind.UNRECOGNIZED || k == EventKind.EVENT_KIND_UNSPECIFIED ? null : k;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
