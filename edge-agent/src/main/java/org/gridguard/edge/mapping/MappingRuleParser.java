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
    Map<JsonPath, String> when = new LinkedHashMap<>();
    ConfigNode whenNode = node.child("when");
    for (String key : whenNode.keys()) {
      JsonPath path = path(whenNode, key, key);
      String value = whenNode.string(key, null);
      if (path != null && value != null) {
        when.put(path, value);
      }
    }
    ValueSource deviceType = source(node, "device_type", true);
    ValueSource deviceId = source(node, "device_id", true);
    TimestampSpec timestamp = node.has("timestamp") ? timestamp(node) : null;
    EventSpec event = node.has("event") ? event(node.child("event")) : null;
    List<ReadingSpec> readings = new ArrayList<>();
    for (ConfigNode r : node.list("readings")) {
      ReadingSpec spec = reading(r);
      if (spec != null) {
        readings.add(spec);
      }
    }
    ReadingListSpec readingList = node.has("reading_list") ? readingList(node.child("reading_list")) : null;
    if (event == null && readings.isEmpty() && readingList == null && !node.has("event")
        && !node.has("readings") && !node.has("reading_list")) {
      node.problem(null, "maps nothing: give 'event', 'readings' or 'reading_list'");
    }
    node.rejectUnknownKeys();
    if (node.problems().list().size() > before) {
      return null;
    }
    return new MappingRule(name, topic, when, deviceType, deviceId, timestamp, event, readings,
        readingList);
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
        List.of("auto", "epoch_s", "epoch_ms", "iso8601", "pattern"));
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

  private static EventSpec event(ConfigNode e) {
    ValueSource code = source(e, "code", true);
    Map<String, EventKind> codes = new LinkedHashMap<>();
    ConfigNode codesNode = e.child("codes");
    for (String key : codesNode.keys()) {
      EventKind kind = kind(codesNode, key);
      if (kind != null) {
        codes.put(key, kind);
      }
    }
    EventKind unknown = e.has("unknown_code") ? kind(e, "unknown_code") : null;
    ValueSource credential = source(e, "credential", false);
    ValueSource channel = source(e, "channel", false);
    ValueSource sourceEventId = source(e, "source_event_id", false);
    Map<String, ValueSource> attributes = new LinkedHashMap<>();
    ConfigNode attrNode = e.child("attributes");
    for (String key : attrNode.keys()) {
      ValueSource s = source(attrNode, key, true);
      if (s != null) {
        attributes.put(key, s);
      }
    }
    if (attributes.size() > 16) {
      e.problem("attributes", "at most 16 attributes per event");
    }
    boolean optional = e.flag("optional", false);
    e.rejectUnknownKeys();
    return code == null ? null : new EventSpec(code, codes, unknown, credential, channel,
        sourceEventId, attributes, optional);
  }

  private static EventKind kind(ConfigNode node, String key) {
    String name = node.string(key, "");
    try {
      EventKind kind = EventKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
      if (kind != EventKind.UNRECOGNIZED && kind != EventKind.EVENT_KIND_UNSPECIFIED) {
        return kind;
      }
    } catch (IllegalArgumentException ex) {
      // reported below
    }
    node.problem(key, "unknown event kind '" + name + "' (e.g. ACCESS_GRANTED, DOOR_FORCED, "
        + "SMOKE_ALARM, OTHER)");
    return null;
  }

  private static ReadingSpec reading(ConfigNode r) {
    String metric = r.string("metric");
    ValueSource source = source(r, "path", true);
    String type = r.oneOf("type", "number", List.of("number", "integer", "flag", "text"));
    String unit = r.string("unit", "");
    String convert = r.string("convert", "none");
    double scale = r.number("scale", 1, -1e12, 1e12);
    double offset = r.number("offset", 0, -1e12, 1e12);
    boolean optional = r.flag("optional", false);
    r.rejectUnknownKeys();
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
        ReadingSpec.ValueKind.valueOf(type.toUpperCase(Locale.ROOT)), unit, conversion, optional);
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

  private static ValueSource source(ConfigNode node, String key, boolean required) {
    if (!required && !node.has(key)) {
      node.raw(key);
      return null;
    }
    String text = node.string(key);
    return text.isEmpty() ? null : sourceOf(node, key, text);
  }

  private static ValueSource sourceOf(ConfigNode node, String key, String text) {
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
