package org.gridguard.edge.mapping;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.units.Ucum;
import org.gridguard.protocol.v1.EventKind;

/** Reads one {@code mapping.rules[i]} entry, recording every problem with its path. */
final class MappingRuleParser {
  private MappingRuleParser() {}

  /** The rule, or {@code null} when it has problems (all of them recorded). */
  static MappingRule parse(ConfigNode node) {
    int before = node.problems().list().size();
    String name = node.string("name");
    String topicText = node.string("topic");
    TopicFilter topic = null;
    if (!topicText.isEmpty()) {
      String problem = TopicFilter.problem(topicText);
      if (problem != null) {
        node.problem("topic", problem);
      } else {
        topic = new TopicFilter(topicText);
      }
    }
    Map<JsonPath, Condition> when = new LinkedHashMap<>();
    java.util.Set<String> badWhen = yamlTyped(node, "when");
    ConfigNode whenNode = node.child("when");
    for (String key : whenNode.keys()) {
      if (badWhen.contains(key)) {
        whenNode.raw(key);
        continue;
      }
      JsonPath path = path(whenNode, key, key);
      Condition condition = condition(whenNode, key);
      if (path != null && condition != null) {
        when.put(path, condition);
      }
    }
    ValueSource deviceType = source(node, "device_type", true);
    ValueSource deviceId = source(node, "device_id", true);
    TimestampSpec timestamp = node.has("timestamp") ? timestamp(node) : null;
    List<ReadingSpec> readings = new ArrayList<>();
    List<ByteLayout> layouts = new ArrayList<>();
    for (ConfigNode r : node.list("readings")) {
      if (r.has("decode")) {
        ByteLayout layout = ByteLayoutParser.parse(r, source(r, "path", true),
            readings.size());
        r.rejectUnknownKeys();
        if (layout != null) {
          layouts.add(layout);
        }
        continue;
      }
      ReadingSpec spec = reading(r);
      if (spec != null) {
        readings.add(spec);
      }
    }
    // after the readings: an event may name the layouts' fields ({decoded.state})
    DecodedRefs decoded = new DecodedRefs(name, layouts);
    EventSpec event = node.has("event") ? event(node.child("event"), decoded) : null;
    if (node.has("event")) {
      decoded.checkUnused(node);
    }
    if (event != null && event.credential() instanceof ValueSource.Decoded d
        && d.field().reading()) {
      node.problems().add(node.pathOf("event") + ".credential", "mapping rule '" + name
          + "': " + d.where() + " would also be a reading in the clear; credentials leave "
          + "the gateway only hashed — give the field reading: false");
    }
    ReadingListSpec readingList = node.has("reading_list") ? readingList(node.child("reading_list")) : null;
    // rules: <profile> — a rules.device_types entry (checked against the rules section by the
    // agent's config loader, which sees both)
    String rulesProfile = node.string("rules", null);
    if (rulesProfile != null && !rulesProfile.matches("[a-z][a-z0-9_]{0,62}")) {
      node.problem("rules", "names a rules.device_types entry in snake_case (a-z, 0-9, _), "
          + "was '" + rulesProfile + "'");
    }
    if (event == null && readings.isEmpty() && readingList == null && !node.has("event")
        && !node.has("readings") && !node.has("reading_list")) {
      node.problem(null, "maps nothing: give 'event', 'readings' or 'reading_list'");
    }
    if (event != null && event.credential() != null) {
      String credential = event.credential().where();
      event.attributes().forEach((k, v) -> {
        if (v.where().equals(credential)) {
          node.problems().add(node.pathOf("event") + ".attributes." + k, "maps the credential "
              + credential + " in the clear; credentials leave the gateway only hashed "
              + "(credential_ref) — remove this attribute");
        }
      });
      for (ByteLayout layout : layouts) {
        if (layout.source().where().equals(credential)) {
          node.problems().add(node.pathOf("readings"), "decodes the credential " + credential
              + " into readings; credentials leave the gateway only hashed");
        }
      }
      for (int i = 0; i < readings.size(); i++) {
        if (readings.get(i).source().where().equals(credential)) {
          node.problems().add(node.pathOf("readings") + "[" + i + "]", "maps the credential "
              + credential + " as a reading; credentials leave the gateway only hashed");
        }
      }
    }
    node.rejectUnknownKeys();
    if (node.problems().list().size() > before) {
      return null;
    }
    return new MappingRule(name, topic, when, deviceType, deviceId, timestamp, event, readings,
        readingList, layouts, rulesProfile);
  }

  /** {@code "$.x": text}, or {@code {ne: text}}, {@code {in: [..]}}, {@code {gt: 5}} … */
  private static Condition condition(ConfigNode when, String key) {
    Object raw = when.raw(key);
    if (!(raw instanceof Map<?, ?>)) {
      String value = when.string(key, null);
      return value == null ? null : new Condition.Equals(value);
    }
    ConfigNode c = when.child(key);
    if (c.keys().size() != 1) {
      c.problem(null, "give one test: ne, in, gt, ge, lt or le (or a plain value for equality)");
      return null;
    }
    String op = c.keys().iterator().next();
    Condition out = null;
    switch (op) {
      case "ne" -> {
        String v = c.string("ne");
        out = v.isEmpty() ? null : new Condition.NotEquals(v);
      }
      case "in" -> {
        List<String> values = c.strings("in");
        if (values.isEmpty()) {
          c.problem("in", "needs a list of values, e.g. in: [\"1\", \"2\"]");
        } else {
          out = new Condition.In(new java.util.HashSet<>(values));
        }
      }
      case "gt", "ge", "lt", "le" -> {
        double v = c.number(op, Double.NaN, -1e15, 1e15);
        out = Double.isNaN(v) ? null : new Condition.Compare(op, v);
      }
      default -> c.problem(op, "unknown test, use ne, in, gt, ge, lt or le");
    }
    c.rejectUnknownKeys();
    return out;
  }

  private static TimestampSpec timestamp(ConfigNode node) {
    Object raw = node.raw("timestamp");
    if (raw instanceof String text) {
      ValueSource s = sourceOf(node, "timestamp", text);
      return s == null ? null : new TimestampSpec(s, TimestampSpec.Format.AUTO, null, ZoneOffset.UTC, false);
    }
    ConfigNode t = node.child("timestamp");
    ValueSource s = source(t, "path", true);
    String format = t.oneOf("format", "auto",
        List.of("auto", "epoch_s", "epoch_ms", "iso8601", "rfc3339", "pattern"));
    if (format.equals("rfc3339")) {
      format = "iso8601"; // the same parser: RFC 3339 is a profile of ISO 8601
    }
    DateTimeFormatter pattern = null;
    String patternText = t.string("pattern", null);
    if (patternText != null) {
      try {
        pattern = DateTimeFormatter.ofPattern(patternText, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        t.problem("pattern", "not a date-time pattern: " + e.getMessage());
      }
    } else if (format.equals("pattern")) {
      t.problem("pattern", "is required with format: pattern (e.g. 'yyyy-MM-dd HH:mm:ss')");
    }
    ZoneId zone = ZoneOffset.UTC;
    String zoneText = t.string("zone", null);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        t.problem("zone", "unknown time zone '" + zoneText + "' (use +08:00 or Asia/Shanghai)");
      }
    }
    boolean required = t.flag("required", false);
    t.rejectUnknownKeys();
    if (s == null || format.equals("pattern") && pattern == null) {
      return null;
    }
    return new TimestampSpec(s, TimestampSpec.Format.valueOf(format.toUpperCase(Locale.ROOT)),
        pattern, zone, required);
  }

  private static EventSpec event(ConfigNode e, DecodedRefs decoded) {
    List<ValueSource> code = new ArrayList<>();
    if (e.raw("code") instanceof List<?>) {
      // a compound code: major and sub code, joined with "/" ("5/75")
      List<String> parts = e.strings("code");
      for (int i = 0; i < parts.size(); i++) {
        String text = parts.get(i);
        ValueSource part = DecodedRefs.isReference(text)
            ? decoded.bind(e, "code[" + i + "]", text, true)
            : sourceOf(e, "code[" + i + "]", text);
        if (part != null) {
          code.add(part);
        }
      }
      if (parts.size() < 2 || parts.size() > 4) {
        e.problem("code", "a compound code has 2 to 4 parts, e.g. [$.major, $.minor]");
      }
    } else {
      ValueSource single = eventSource(e, "code", true, decoded, true);
      if (single != null) {
        code.add(single);
      }
    }
    Map<String, EventKind> codes = new LinkedHashMap<>();
    if (e.raw("codes") instanceof Map<?, ?> rawCodes) {
      rawCodes.keySet().stream().filter(k -> !(k instanceof String)).forEach(k ->
          e.problems().add(e.pathOf("codes") + "." + k, yamlKeyProblem(k)));
    }
    ConfigNode codesNode = e.child("codes");
    for (String key : codesNode.keys()) {
      if (!(((Map<?, ?>) e.raw("codes")).containsKey(key))) {
        continue; // a non-text key, reported above
      }
      EventKind kind = kind(codesNode, key);
      if (kind != null) {
        codes.put(key, kind);
      }
    }
    boolean onChange = e.flag("on_change", false);
    EventKind unknown = e.has("unknown_code") ? kind(e, "unknown_code") : null;
    ValueSource credential = eventSource(e, "credential", false, decoded, false);
    ValueSource channel = eventSource(e, "channel", false, decoded, false);
    ValueSource sourceEventId = eventSource(e, "source_event_id", false, decoded, false);
    Map<String, ValueSource> attributes = new LinkedHashMap<>();
    if (e.raw("attributes") instanceof Map<?, ?> rawAttributes) {
      rawAttributes.keySet().stream().filter(k -> !(k instanceof String)).forEach(k ->
          e.problems().add(e.pathOf("attributes") + "." + k, yamlKeyProblem(k)));
    }
    ConfigNode attrNode = e.child("attributes");
    for (String key : attrNode.keys()) {
      if (e.raw("attributes") instanceof Map<?, ?> raw && !raw.containsKey(key)) {
        attrNode.raw(key);
        continue; // a non-text key, reported above
      }
      ValueSource s = eventSource(attrNode, key, true, decoded, false);
      if (s != null) {
        attributes.put(key, s);
      }
    }
    if (attributes.size() > 16) {
      e.problem("attributes", "at most 16 attributes per event");
    }
    boolean optional = e.flag("optional", false);
    e.rejectUnknownKeys();
    return code.isEmpty() ? null : new EventSpec(code, codes, unknown, credential, channel,
        sourceEventId, attributes, optional, onChange);
  }

  private static EventKind kind(ConfigNode node, String key) {
    String name = node.string(key, "");
    if (name.trim().equalsIgnoreCase("NONE")) {
      return EventSpec.NO_EVENT;
    }
    try {
      EventKind kind = EventKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
      if (kind != EventKind.UNRECOGNIZED && kind != EventKind.EVENT_KIND_UNSPECIFIED) {
        return kind;
      }
    } catch (IllegalArgumentException ex) {
      // reported below
    }
    node.problem(key, "unknown event kind '" + name + "' (e.g. ACCESS_GRANTED, DOOR_FORCED, "
        + "SMOKE_ALARM, OTHER, or NONE for no event)");
    return null;
  }

  private static ReadingSpec reading(ConfigNode r) {
    String metric = r.string("metric");
    ValueSource source = source(r, "path", true);
    String type = r.oneOf("type", "number", List.of("number", "integer", "flag", "text"));
    String unit = r.string("unit", "");
    if (!unit.isEmpty() && Ucum.problem(unit) != null) {
      r.problem("unit", "'" + unit + "' is not a UCUM unit code: " + Ucum.problem(unit));
    }
    String convert = r.string("convert", "none");
    double scale = r.number("scale", 1, -1e12, 1e12);
    double offset = r.number("offset", 0, -1e12, 1e12);
    boolean optional = r.flag("optional", false);
    Map<String, Double> values = valueMap(r);
    String aggregate = r.oneOf("aggregate", "none", List.of("none", "max", "min", "first"));
    r.rejectUnknownKeys();
    boolean wildcard = source instanceof ValueSource.Path p && p.path().hasWildcard();
    if (wildcard && aggregate.equals("none")) {
      r.problem("path", "a [*] path selects several values: give aggregate: max, min or first");
    } else if (!wildcard && !aggregate.equals("none")) {
      r.problem("aggregate", "needs a [*] path, e.g. $.rxInfo[*].rssi");
    }
    if (!values.isEmpty() && !type.equals("number")) {
      r.problem("values", "a value map makes a number: leave out type: " + type);
    }
    if (!aggregate.equals("none") && !type.equals("number") && !type.equals("integer")) {
      r.problem("aggregate", "works on numbers, not type: " + type);
    }
    Conversion conversion = null;
    try {
      conversion = Conversion.of(convert, scale, offset);
    } catch (IllegalArgumentException e) {
      r.problem(r.has("convert") ? "convert" : "scale", e.getMessage());
    }
    if (!metric.isEmpty() && !metric.matches("[a-z][a-z0-9_]{0,62}")) {
      r.problem("metric", "must be snake_case (a-z, 0-9, _), was '" + metric + "'");
      return null;
    }
    if (source == null || conversion == null || metric.isEmpty()) {
      return null;
    }
    return new ReadingSpec(metric, source,
        ReadingSpec.ValueKind.valueOf(type.toUpperCase(Locale.ROOT)), unit, conversion, optional,
        values, ReadingSpec.Aggregate.valueOf(aggregate.toUpperCase(Locale.ROOT)));
  }

  /**
   * {@code values: {"alarm": 1, "normal": 0}}. A key YAML read as a boolean or number
   * ({@code on}, {@code off}, {@code yes}, {@code 0x1F}, {@code 010}) is refused: the payload's
   * text would never match what YAML made of it — quote the key.
   */
  private static Map<String, Double> valueMap(ConfigNode r) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!r.has("values")) {
      return out;
    }
    Object raw = r.raw("values");
    if (!(raw instanceof Map<?, ?> map)) {
      r.problem("values", "must be a mapping of payload values to numbers, e.g. "
          + "{\"alarm\": 1, \"normal\": 0}");
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!(e.getKey() instanceof String)) {
        r.problems().add(r.pathOf("values") + "." + key, yamlKeyProblem(e.getKey()));
        continue;
      }
      if (e.getValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
        out.put(key, n.doubleValue());
      } else {
        r.problems().add(r.pathOf("values") + "." + key, "must be a number, found "
            + e.getValue());
      }
    }
    if (out.isEmpty() && map.isEmpty()) {
      r.problem("values", "is empty");
    }
    return out;
  }

  /**
   * The {@code when} entries (by key text) YAML typed where the payload's text was meant, each
   * recorded as a problem: a key read as a boolean or number, or a value to compare with
   * (plain, {@code ne}, {@code in} items) read as a boolean — {@code on}, {@code off},
   * {@code yes}, {@code no} all become true/false and would never match the payload's text.
   * Numbers are fine as values: they are compared as their decimal text ({@code "$.fPort": 1});
   * quote hex or leading-zero values ({@code "0x21"}, {@code "010"}).
   */
  private static java.util.Set<String> yamlTyped(ConfigNode node, String key) {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (!(node.raw(key) instanceof Map<?, ?> map)) {
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String at = node.pathOf(key) + "." + e.getKey();
      if (!(e.getKey() instanceof String)) {
        node.problems().add(at, yamlKeyProblem(e.getKey()));
        out.add(String.valueOf(e.getKey()));
        continue;
      }
      Object value = e.getValue();
      if (value instanceof Map<?, ?> test && test.size() == 1) {
        Object op = test.keySet().iterator().next();
        if (!"ne".equals(op) && !"in".equals(op)) {
          continue; // numeric tests: their own check says "must be a number"
        }
        value = test.get(op);
        at = at + "." + op;
      }
      List<?> values = value instanceof List<?> l ? l : java.util.Collections.singletonList(value);
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) instanceof Boolean b) {
          node.problems().add(at + (value instanceof List<?> ? "[" + i + "]" : ""),
              "YAML read this value as the boolean " + b + " (on/off/yes/no/true/false are "
              + "booleans in YAML) and the payload's text would never match: quote it as the "
              + "payload writes it, e.g. \"on\" or \"true\"");
          out.add((String) e.getKey());
        }
      }
    }
    return out;
  }

  /** Why a non-text YAML key is refused where it names a payload value or vendor code. */
  static String yamlKeyProblem(Object key) {
    if (key instanceof Boolean) {
      return "YAML read this key as the boolean " + key + " (on/off/yes/no/true/false are "
          + "booleans in YAML): quote it, e.g. \"on\": or \"true\":";
    }
    return "YAML read this key as the number " + key + " (hex 0x.., leading zeros and "
        + "plain digits are numbers in YAML, 0x21 became 33): quote it as the payload writes "
        + "it, e.g. \"0x21\":";
  }

  private static ReadingListSpec readingList(ConfigNode l) {
    JsonPath list = path(l, "path", l.string("path"));
    String metric = l.string("metric_field", "metric");
    String value = l.string("value_field", "value");
    String unit = l.string("unit_field", "unit");
    int max = (int) l.integer("max_readings", 64, 1, 1024);
    l.rejectUnknownKeys();
    return list == null ? null : new ReadingListSpec(list, metric, value, unit, max);
  }

  /** Like {@link #source}, and a {@code {decoded.<field>}} of the rule's layouts too. */
  private static ValueSource eventSource(ConfigNode node, String key, boolean required,
      DecodedRefs decoded, boolean asCode) {
    if (!required && !node.has(key)) {
      node.raw(key);
      return null;
    }
    String text = node.string(key);
    if (text.isEmpty()) {
      return null;
    }
    return DecodedRefs.isReference(text) ? decoded.bind(node, key, text, asCode)
        : sourceOf(node, key, text);
  }

  private static ValueSource source(ConfigNode node, String key, boolean required) {
    if (!required && !node.has(key)) {
      node.raw(key);
      return null;
    }
    String text = node.string(key);
    return text.isEmpty() ? null : sourceOf(node, key, text);
  }

  /** A constant such as {@code data.temp} or {@code msg[0].id} was surely meant as a path. */
  private static final java.util.regex.Pattern LOOKS_LIKE_PATH = java.util.regex.Pattern.compile(
      "\\.?[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+]|\\[\\*])+");

  private static ValueSource sourceOf(ConfigNode node, String key, String text) {
    if (LOOKS_LIKE_PATH.matcher(text).matches() || text.startsWith(".")) {
      node.problem(key, "'" + text + "' is a constant but looks like a JSON path; write $."
          + (text.startsWith(".") ? text.substring(1) : text) + " (paths start with $)");
      return null;
    }
    try {
      return ValueSource.parse(text);
    } catch (IllegalArgumentException e) {
      node.problem(key, e.getMessage());
      return null;
    }
  }

  private static JsonPath path(ConfigNode node, String key, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return JsonPath.parse(text);
    } catch (IllegalArgumentException e) {
      node.problem(key, e.getMessage());
      return null;
    }
  }
}
