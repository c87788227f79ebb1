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
  private final EventMapper events;
  private final String bootId;
  private final ObjectMapper json;
  private final BadTimestamps badTimestamps;
  /** Shared with the mappers {@link #next} makes, so the count survives a mapping swap. */
  private final LongAdder clockFallbacks;

  /** Out-of-range device timestamps replaced by the receive time (and marked). */
  public PayloadMapper(MappingConfig config, String bootId) {
    this(config, bootId, BadTimestamps.REPLACE);
  }

  public PayloadMapper(MappingConfig config, String bootId, BadTimestamps badTimestamps) {
    this(config, bootId, badTimestamps, new LongAdder());
  }

  private PayloadMapper(MappingConfig config, String bootId, BadTimestamps badTimestamps,
      LongAdder clockFallbacks) {
    this.clockFallbacks = clockFallbacks;
    this.badTimestamps = java.util.Objects.requireNonNull(badTimestamps);
    this.rules = config.rules();
    this.maxPayloadBytes = config.maxPayloadBytes();
    this.events = new EventMapper(new CredentialHasher(config.credentialSalt()));
    this.bootId = bootId;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
        .build();
    this.json = new ObjectMapper(factory)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * A mapper for a new mapping (a pushed {@code mapping.rules}/{@code mapping.presets}, or the
   * local file re-read): same boot id and timestamp policy, and the bad-timestamp count goes on
   * from this one's. The new mapper starts with an empty on-change memory (see
   * {@code event.on_change}): a device's first state event after the swap is sent even when
   * it repeats the last one.
   */
  public PayloadMapper next(MappingConfig config) {
    return new PayloadMapper(config, bootId, badTimestamps, clockFallbacks);
  }

  /** How many rules this mapper tries, presets included. */
  public int ruleCount() {
    return rules.size();
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

  /**
   * The payload as the dead-letter file may keep it: every credential field a rule for this
   * topic maps ({@code event.credential}) replaced by {@code "[redacted]"}; a payload that
   * is not a JSON object while such a rule applies is replaced entirely. Other payloads are
   * returned as they are.
   */
  public byte[] redactForDeadLetter(String topic, byte[] payload) {
    List<JsonPath> credentials = null;
    for (MappingRule rule : rules) {
      ValueSource credential = rule.event() == null ? null : rule.event().credential();
      if (credential instanceof ValueSource.Decoded d) {
        credential = d.layout().source(); // the whole binary field holds the credential
      }
      if (credential instanceof ValueSource.Path p && rule.topic().matches(topic)) {
        if (credentials == null) {
          credentials = new ArrayList<>(1);
        }
        credentials.add(p.path());
      }
    }
    if (credentials == null) {
      return payload;
    }
    try {
      JsonNode root = payload.length > maxPayloadBytes ? null : json.readTree(payload);
      if (root == null || !root.isObject()) {
        return REDACTED_PAYLOAD;
      }
      for (JsonPath path : credentials) {
        path.redact(root);
      }
      return json.writeValueAsBytes(root);
    } catch (IOException e) {
      return REDACTED_PAYLOAD;
    }
  }

  private static final byte[] REDACTED_PAYLOAD = ("[payload redacted: not a JSON object, and a "
      + "rule for this topic maps a credential]").getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** State events left out because they repeated the device's previous one (on_change). */
  public long unchangedEventsSkipped() {
    return events.unchangedSkipped();
  }

  /** Events left out because their code is mapped to NONE. */
  public long noEventCodes() {
    return events.noEventCodes();
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
      for (Map.Entry<JsonPath, Condition> cond : rule.when().entrySet()) {
        JsonNode node = cond.getKey().select(root);
        if (!cond.getValue().test(node)) {
          mismatch = "rule '" + rule.name() + "' needs " + cond.getKey() + " "
              + cond.getValue().describe() + ", found " + Extract.describe(node);
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

  private MappingResult mapped(MappingRule rule, JsonNode root, String[] levels,
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
    EventMapper.Outcome outcome = rule.event() == null ? null
        : events.map(rule.name(), rule.event(), deviceId, deviceType, root, levels, dropped);
    DeviceEvent event = outcome == null ? null : outcome.event();
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
    if (out.isEmpty() && outcome != null && outcome.skipped() != null) {
      return new MappingResult.Ignored(rule.name(), outcome.skipped());
    }
    if (out.isEmpty()) {
      throw new MappingException("payload", "rule '" + rule.name()
          + "' found none of its readings and no event");
    }
    return new MappingResult.Mapped(rule.name(), out, dropped.list(),
        outcome == null ? null : outcome.skipped(), rule.rulesProfile());
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
    List<ByteLayout> layouts = rule.layouts();
    int nextLayout = 0;
    List<ReadingSpec> specs = rule.readings();
    for (int i = 0; i < specs.size(); i++) {
      ReadingSpec spec = specs.get(i);
      // binary fields come where they stand in the readings list (payload order)
      while (nextLayout < layouts.size() && layouts.get(nextLayout).position() == i) {
        decode(layouts.get(nextLayout++), root, levels, out, dropped);
      }
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
    while (nextLayout < layouts.size()) {
      decode(layouts.get(nextLayout++), root, levels, out, dropped);
    }
    if (rule.readingList() != null) {
      ReadingLists.read(rule.readingList(), root, out, dropped);
    }
    return out;
  }

  /** Binary fields: a missing or undecodable one rejects the message unless optional. */
  private static void decode(ByteLayout layout, JsonNode root, String[] levels,
      List<Reading> out, DroppedFields dropped) throws MappingException {
    JsonNode node = layout.source().resolve(root, levels);
    if (node == null) {
      if (layout.optional()) {
        return;
      }
      throw new MappingException(layout.source().where(), "binary field is required but "
          + "missing");
    }
    byte[] bytes;
    try {
      bytes = layout.bytes(node);
    } catch (MappingException e) {
      if (!layout.optional()) {
        throw e;
      }
      dropped.add("optional binary field " + layout.source().where(), e.getMessage());
      return;
    }
    layout.read(bytes, out, dropped);
  }

  private static Reading reading(ReadingSpec spec, JsonNode node) throws MappingException {
    String where = spec.source().where();
    Reading.Builder b = Reading.newBuilder().setMetric(spec.metric()).setUnit(spec.unit());
    if (!spec.values().isEmpty()) {
      return b.setNumber(spec.conversion().apply(Extract.mapped(node, spec.values(), where)))
          .build();
    }
    if (spec.aggregate() != ReadingSpec.Aggregate.NONE) {
      return b.setNumber(spec.conversion().apply(Extract.aggregate(node, spec.aggregate(), where)))
          .build();
    }
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
}
