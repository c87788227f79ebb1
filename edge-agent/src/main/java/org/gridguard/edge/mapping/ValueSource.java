package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mapped value comes from, as written in the config: a JSON path ({@code $.dev.sn}),
 * a topic level ({@code {topic[2]}}, zero-based), a constant ({@code door}) or — in an
 * event only — a field of one of the rule's byte layouts ({@code {decoded.state}}).
 */
sealed interface ValueSource {
  Pattern TOPIC_LEVEL = Pattern.compile("\\{topic\\[(\\d+)]}");
  /** {@code {decoded.<field metric>}}: bound to a layout field by the rule parser. */
  Pattern DECODED = Pattern.compile("\\{decoded\\.([^}]*)}");

  /** The value as a JSON node (topic levels and constants as text), or {@code null}. */
  JsonNode resolve(JsonNode payload, String[] topicLevels);

  /** What to name in an error message. */
  String where();

  /** @throws IllegalArgumentException when a path is malformed */
  static ValueSource parse(String text) {
    if (text.startsWith("$")) {
      return new Path(JsonPath.parse(text));
    }
    Matcher m = TOPIC_LEVEL.matcher(text);
    if (m.matches()) {
      return new TopicLevel(Integer.parseInt(m.group(1)));
    }
    if (DECODED.matcher(text).matches() || text.contains("{decoded")) {
      throw new IllegalArgumentException("'" + text + "' names a decoded byte field: usable only "
          + "under event (code, channel, source_event_id, credential, attributes), written "
          + "{decoded.<field metric>}");
    }
    if (text.contains("{topic")) {
      throw new IllegalArgumentException("a topic level is written {topic[N]} (N from 0), found '"
          + text + "'");
    }
    return new Constant(text);
  }

  record Path(JsonPath path) implements ValueSource {
    @Override
    public JsonNode resolve(JsonNode payload, String[] topicLevels) {
      JsonNode node = path.select(payload);
      return node == null || node.isNull() ? null : node;
    }

    @Override
    public String where() {
      return path.text();
    }
  }

  record TopicLevel(int index) implements ValueSource {
    @Override
    public JsonNode resolve(JsonNode payload, String[] topicLevels) {
      return index < topicLevels.length && !topicLevels[index].isEmpty()
          ? TextNode.valueOf(topicLevels[index]) : null;
    }

    @Override
    public String where() {
      return "{topic[" + index + "]}";
    }
  }

  record Constant(String value) implements ValueSource {
    @Override
    public JsonNode resolve(JsonNode payload, String[] topicLevels) {
      return TextNode.valueOf(value);
    }

    @Override
    public String where() {
      return "constant '" + value + "'";
    }
  }

  /**
   * A field of a byte layout of the same rule, decoded again from the payload (a few bytes:
   * cheaper than carrying the readings across): an integer as its decimal text's number, a
   * flag as true/false, a scaled value as a number. {@code null} when the binary field is
   * absent or undecodable (the readings part reports that) or too short for this field.
   */
  record Decoded(ByteLayout layout, ByteLayout.Field field) implements ValueSource {
    public Decoded {
      java.util.Objects.requireNonNull(layout);
      java.util.Objects.requireNonNull(field);
    }

    @Override
    public JsonNode resolve(JsonNode payload, String[] topicLevels) {
      JsonNode node = layout.source().resolve(payload, topicLevels);
      if (node == null) {
        return null;
      }
      byte[] bytes;
      try {
        bytes = layout.bytes(node);
      } catch (MappingException e) {
        return null;
      }
      if (field.end() > bytes.length) {
        return null;
      }
      org.gridguard.protocol.v1.Reading r = ByteLayout.reading(field, bytes);
      if (r.hasFlag()) {
        return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(r.getFlag());
      }
      if (r.hasInteger()) {
        return com.fasterxml.jackson.databind.node.LongNode.valueOf(r.getInteger());
      }
      return Double.isFinite(r.getNumber())
          ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(r.getNumber()) : null;
    }

    @Override
    public String where() {
      String d = field.describe(); // 'state' (u8 at byte 0)
      return "{decoded." + field.metric() + "} " + d.substring(d.indexOf('('), d.length() - 1)
          + " of " + layout.source().where() + ")";
    }
  }
}
