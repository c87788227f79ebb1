package org.gridguard.edge.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.gridguard.protocol.Ids;
import org.gridguard.protocol.TelemetryNames;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/**
 * Maps one MQTT message (topic + JSON payload) to records by the first matching rule of the
 * {@link MappingConfig}. Never throws for bad input: every problem becomes a
 * {@link MappingResult.Rejected} whose reason says what and where — except a problem with an
 * optional part (an {@code optional: true} reading, an item of a reading list, an event's
 * channel, source event id or credential): that part is left out, named in
 * {@link MappingResult.Mapped#droppedFields()}, and the good readings and the event are kept.
 * Thread-safe.
 */
public final class PayloadMapper {
  private static final int MAX_ID_LENGTH = 64;
  private static final int MAX_ATTRIBUTE_LENGTH = 256;
  /** Reading (telemetry) and attribute (event) that mark a replaced device timestamp. */
  public static final String TIME_REPLACED = "time_replaced";
  private static final long OUT_OF_RANGE = Long.MIN_VALUE;

  private final List<MappingRule> rules;
  private final int maxPayloadBytes;
  private final CredentialHasher hasher;
  private final String bootId;
  private final ObjectMapper json;
  private final BadTimestamps badTimestamps;
  private final LongAdder clockFallbacks = new LongAdder();

  /** Out-of-range device timestamps replaced by the receive time (and marked). */
  public PayloadMapper(MappingConfig config, String bootId) {
    this(config, bootId, BadTimestamps.REPLACE);
  }

  public PayloadMapper(MappingConfig config, String bootId, BadTimestamps badTimestamps) {
    this.badTimestamps = java.util.Objects.requireNonNull(badTimestamps);
    this.rules = config.rules();
    this.maxPayloadBytes = config.maxPayloadBytes();
    this.hasher = new CredentialHasher(config.credentialSalt());
    this.bootId = bootId;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
        .build();
    this.json = new ObjectMapper(factory)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Topic filters to subscribe to, one per distinct rule topic. */
  public List<String> topicFilters() {
    return rules.stream().map(r -> r.topic().filter()).distinct().toList();
  }

  /**
   * Messages whose device timestamp was outside 2000–2100: given the receive time (and marked)
   * or dead-lettered, per {@link BadTimestamps}.
   */
  public long clockFallbacks() {
    return clockFallbacks.sum();
  }

  public MappingResult map(String topic, byte[] payload, long receivedAtMs) {
    try {
      return mapOrThrow(topic, payload, receivedAtMs);
    } catch (MappingException e) {
      return new MappingResult.Rejected(e.getMessage());
    }
  }

  private MappingResult mapOrThrow(String topic, byte[] payload, long receivedAtMs)
      throws MappingException {
    if (payload.length > maxPayloadBytes) {
      throw new MappingException("payload", payload.length + " bytes is over the limit of "
          + maxPayloadBytes + " bytes (mapping.max_payload_bytes)");
    }
    List<MappingRule> candidates = new ArrayList<>(2);
    for (MappingRule rule : rules) {
      if (rule.topic().matches(topic)) {
        candidates.add(rule);
      }
    }
    if (candidates.isEmpty()) {
      throw new MappingException("topic", "no mapping rule matches '" + topic + "'");
    }
    JsonNode root = parse(payload);
    MappingRule rule = choose(candidates, root, topic);
    String[] levels = topic.split("/", -1);
    return mapped(rule, root, levels, receivedAtMs);
  }

  private JsonNode parse(byte[] payload) throws MappingException {
    JsonNode root;
    try {
      root = json.readTree(payload);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new MappingException("payload", "not valid JSON"
          + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
          + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MappingException("payload", "unreadable: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new MappingException("payload", "is empty");
    }
    if (!root.isObject()) {
      throw new MappingException("$", "expected a JSON object, found " + Extract.describe(root));
    }
    return root;
  }

  private static MappingRule choose(List<MappingRule> candidates, JsonNode root, String topic)
      throws MappingException {
    StringBuilder why = new StringBuilder();
    for (MappingRule rule : candidates) {
      String mismatch = null;
      for (Map.Entry<JsonPath, String> cond : rule.when().entrySet()) {
        JsonNode node = cond.getKey().select(root);
        if (node == null || !node.isValueNode() || !node.asText().equals(cond.getValue())) {
          mismatch = "rule '" + rule.name() + "' needs " + cond.getKey() + " = '"
              + cond.getValue() + "', found " + Extract.describe(node);
          break;
        }
      }
      if (mismatch == null) {
        return rule;
      }
      why.append(why.isEmpty() ? "" : "; ").append(mismatch);
    }
    throw new MappingException("payload", "no rule for topic '" + topic + "' accepts it (" + why + ")");
  }

  private MappingResult.Mapped mapped(MappingRule rule, JsonNode root, String[] levels,
      long receivedAtMs) throws MappingException {
    String deviceId = Extract.text(rule.deviceId().resolve(root, levels), rule.deviceId().where(),
        MAX_ID_LENGTH);
    String deviceType = Extract.text(rule.deviceType().resolve(root, levels),
        rule.deviceType().where(), MAX_ID_LENGTH);
    // both become InfluxDB names at the hub (measurement, device tag): the hub checks the same
    // rule, but refusing here puts the payload in this gateway's dead letters where it is seen
    String problem = Ids.deviceIdProblem(deviceId);
    if (problem != null) {
      throw new MappingException(rule.deviceId().where(), "device id " + problem);
    }
    problem = TelemetryNames.problem(deviceType);
    if (problem != null) {
      throw new MappingException(rule.deviceType().where(), "device type " + problem);
    }
    long captureMs = captureTime(rule.timestamp(), root, levels, receivedAtMs);
    String replacedTime = null;
    if (captureMs == OUT_OF_RANGE) {
      clockFallbacks.increment();
      JsonNode raw = rule.timestamp().source().resolve(root, levels);
      String text = Extract.describe(raw);
      if (badTimestamps == BadTimestamps.DEAD_LETTER) {
        throw new MappingException(rule.timestamp().source().where(), "timestamp " + text
            + " is outside 2000–2100 (mqtt.bad_timestamps: dead_letter; seconds and "
            + "milliseconds mixed up? format is " + rule.timestamp().format().name()
                .toLowerCase(java.util.Locale.ROOT) + ")");
      }
      replacedTime = text;
      captureMs = receivedAtMs;
    }
    DroppedFields dropped = new DroppedFields();
    List<Reading> readings = readings(rule, root, levels, dropped);
    DeviceEvent event = rule.event() == null ? null
        : event(rule.event(), deviceType, root, levels, dropped);
    List<Record> out = new ArrayList<>(2);
    if (replacedTime != null) {
      if (!readings.isEmpty()) {
        readings.add(Reading.newBuilder().setMetric(TIME_REPLACED).setFlag(true).build());
      }
      if (event != null) {
        event = event.toBuilder().putAttributes(TIME_REPLACED, "true")
            .putAttributes("device_time", replacedTime).build();
      }
    }
    if (!readings.isEmpty()) {
      out.add(base(captureMs, deviceId).setTelemetry(Telemetry.newBuilder()
          .setDeviceType(deviceType).addAllReadings(readings)).build());
    }
    if (event != null) {
      out.add(base(captureMs, deviceId).setEvent(event).build());
    }
    if (out.isEmpty() && !dropped.isEmpty()) {
      // nothing usable left: the message is rejected for its (first) unusable part
      int more = dropped.list().size() - 1;
      throw new MappingException(dropped.firstCause(), more == 0 ? null : "(and " + more
          + " more unusable part(s): " + String.join("; ", dropped.list()) + ")");
    }
    if (out.isEmpty()) {
      throw new MappingException("payload", "rule '" + rule.name()
          + "' found none of its readings and no event");
    }
    return new MappingResult.Mapped(rule.name(), out, dropped.list());
  }

  private Record.Builder base(long captureMs, String deviceId) {
    return Record.newBuilder().setCaptureTimeMs(captureMs).setDeviceId(deviceId).setBootId(bootId);
  }

  private long captureTime(TimestampSpec spec, JsonNode root, String[] levels, long receivedAtMs)
      throws MappingException {
    if (spec == null) {
      return receivedAtMs;
    }
    JsonNode node = spec.source().resolve(root, levels);
    if (node == null) {
      if (spec.required()) {
        throw new MappingException(spec.source().where(), "is required but missing");
      }
      return receivedAtMs;
    }
    long ms = Extract.time(node, spec, spec.source().where());
    return ms < 0 ? OUT_OF_RANGE : ms;
  }

  private static List<Reading> readings(MappingRule rule, JsonNode root, String[] levels,
      DroppedFields dropped) throws MappingException {
    List<Reading> out = new ArrayList<>();
    for (ReadingSpec spec : rule.readings()) {
      JsonNode node = spec.source().resolve(root, levels);
      if (node == null) {
        if (spec.optional()) {
          continue;
        }
        throw new MappingException(spec.source().where(), "reading '" + spec.metric()
            + "' is required but missing");
      }
      if (!spec.optional()) {
        out.add(reading(spec, node));
        continue;
      }
      try {
        out.add(reading(spec, node));
      } catch (MappingException e) {
        dropped.add("optional reading '" + spec.metric() + "'", e.getMessage());
      }
    }
    if (rule.readingList() != null) {
      ReadingLists.read(rule.readingList(), root, out, dropped);
    }
    return out;
  }

  private static Reading reading(ReadingSpec spec, JsonNode node) throws MappingException {
    String where = spec.source().where();
    Reading.Builder b = Reading.newBuilder().setMetric(spec.metric()).setUnit(spec.unit());
    switch (spec.kind()) {
      case NUMBER -> b.setNumber(spec.conversion().apply(Extract.number(node, where)));
      case INTEGER -> {
        long v = Extract.integer(node, where);
        if (spec.conversion().identity()) {
          b.setInteger(v);
        } else {
          b.setNumber(spec.conversion().apply(v));
        }
      }
      case FLAG -> b.setFlag(Extract.flag(node, where));
      case TEXT -> b.setText(Extract.text(node, where, MAX_ATTRIBUTE_LENGTH));
      default -> throw new IllegalStateException();
    }
    return b.build();
  }

  private DeviceEvent event(EventSpec spec, String deviceType, JsonNode root, String[] levels,
      DroppedFields dropped) throws MappingException {
    JsonNode codeNode = spec.code().resolve(root, levels);
    if (codeNode == null && spec.optional()) {
      return null;
    }
    String code = Extract.text(codeNode, spec.code().where(), MAX_ID_LENGTH);
    DeviceEvent.Builder b = DeviceEvent.newBuilder().setDeviceType(deviceType)
        .setVendorCode(code).setKind(kind(spec, code));
    String credential = optionalText(spec.credential(), root, levels, 256, "credential", dropped);
    if (credential != null) {
      b.setCredentialRef(hasher.hash(credential));
    }
    String channel = optionalText(spec.channel(), root, levels, MAX_ID_LENGTH, "channel", dropped);
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
    return b.build();
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
    throw new MappingException(spec.code().where(), "unknown vendor event code '" + code + "'"
        + (spec.codes().isEmpty() ? " (expected an event kind name such as DOOR_FORCED)"
            : " (known: " + String.join(", ", new java.util.TreeSet<>(spec.codes().keySet())) + ")"));
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
