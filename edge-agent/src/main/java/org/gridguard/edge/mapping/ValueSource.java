package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mapped value comes from, as written in the config: a JSON path ({@code $.dev.sn}),
 * a topic level ({@code {topic[2]}}, zero-based) or a constant ({@code door}).
 */
sealed interface ValueSource {
  Pattern TOPIC_LEVEL = Pattern.compile("\\{topic\\[(\\d+)]}");

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
}
