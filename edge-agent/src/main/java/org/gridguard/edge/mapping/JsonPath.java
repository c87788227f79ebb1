package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset a mapping needs: {@code $}, {@code .name}, {@code ['name']} and
 * {@code [index]} steps ({@code $.data.readings[0].value}), and the array wildcard {@code [*]}
 * ({@code $.rxInfo[*].rssi}), which selects an array of every match for a reading to aggregate
 * (max, min, first). No filters: a mapping rule reads like the payload it maps.
 */
record JsonPath(String text, List<Object> steps) {
  /** The {@code [*]} step. */
  static final Object WILDCARD = new Object() {
    @Override
    public String toString() {
      return "[*]";
    }
  };

  JsonPath {
    steps = List.copyOf(steps);
  }

  boolean hasWildcard() {
    return steps.contains(WILDCARD);
  }

  /** @throws IllegalArgumentException saying where the path text is malformed */
  static JsonPath parse(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("a JSON path starts with '$', found '" + text + "'");
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
          i++;
        }
        if (i == start) {
          throw new IllegalArgumentException("empty name at character " + start + " of '" + text + "'");
        }
        steps.add(text.substring(start, i));
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' at character " + i + " of '" + text + "'");
        }
        String inner = text.substring(i + 1, close).trim();
        if (inner.equals("*")) {
          steps.add(WILDCARD);
        } else if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
            || inner.startsWith("\"") && inner.endsWith("\""))) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else {
          try {
            int index = Integer.parseInt(inner);
            if (index < 0) {
              throw new NumberFormatException();
            }
            steps.add(index);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'[" + inner + "]' in '" + text
                + "' is neither an index (0, 1, ...), [*] nor a quoted name");
          }
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' at character " + i + " of '"
            + text + "' (use .name, ['name'] or [index])");
      }
    }
    return new JsonPath(text, steps);
  }

  /**
   * The selected node, or {@code null} when any step is missing. With a {@code [*]} step: an
   * array of every match (null when none).
   */
  JsonNode select(JsonNode root) {
    if (steps.contains(WILDCARD)) {
      com.fasterxml.jackson.databind.node.ArrayNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      collect(root, 0, out);
      return out.isEmpty() ? null : out;
    }
    JsonNode node = root;
    for (Object step : steps) {
      if (node == null) {
        return null;
      }
      node = step instanceof Integer index
          ? (node.isArray() ? node.get(index) : null)
          : (node.isObject() ? node.get((String) step) : null);
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  /** Replaces every value this path selects with {@code "[redacted]"} (in place). */
  void redact(JsonNode root) {
    redactFrom(root, 0);
  }

  private void redactFrom(JsonNode node, int from) {
    for (int i = from; i < steps.size() && node != null; i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step == WILDCARD) {
        if (node.isArray()) {
          com.fasterxml.jackson.databind.node.ArrayNode a =
              (com.fasterxml.jackson.databind.node.ArrayNode) node;
          for (int k = 0; k < a.size(); k++) {
            if (last) {
              a.set(k, REDACTED);
            } else {
              redactFrom(a.get(k), i + 1);
            }
          }
        }
        return;
      }
      if (last) {
        if (step instanceof Integer index && node.isArray() && index < node.size()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(index, REDACTED);
        } else if (step instanceof String name && node.isObject() && node.has(name)) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) node).set(name, REDACTED);
        }
        return;
      }
      node = step instanceof Integer index
          ? (node.isArray() ? node.get(index) : null)
          : (node.isObject() ? node.get((String) step) : null);
    }
  }

  private static final JsonNode REDACTED =
      com.fasterxml.jackson.databind.node.TextNode.valueOf("[redacted]");

  private void collect(JsonNode node, int from, com.fasterxml.jackson.databind.node.ArrayNode out) {
    for (int i = from; i < steps.size(); i++) {
      if (node == null) {
        return;
      }
      Object step = steps.get(i);
      if (step == WILDCARD) {
        if (node.isArray()) {
          for (JsonNode element : node) {
            collect(element, i + 1, out);
          }
        }
        return;
      }
      node = step instanceof Integer index
          ? (node.isArray() ? node.get(index) : null)
          : (node.isObject() ? node.get((String) step) : null);
    }
    if (node != null && !node.isMissingNode() && !node.isNull()) {
      out.add(node);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
