package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code when} test of a mapping rule on a payload value: text equality (the plain form
 * {@code "$.type": "event"}), {@code ne}, {@code in: [..]}, or a numeric comparison
 * {@code gt/ge/lt/le}. A missing value satisfies only {@code ne}.
 */
sealed interface Condition {
  boolean test(JsonNode node);

  /** What the rule needs, for the "no rule accepts it" reason. */
  String describe();

  record Equals(String value) implements Condition {
    public Equals {
      Objects.requireNonNull(value);
    }

    @Override
    public boolean test(JsonNode node) {
      return node != null && node.isValueNode() && node.asText().equals(value);
    }

    @Override
    public String describe() {
      return "= '" + value + "'";
    }
  }

  record NotEquals(String value) implements Condition {
    public NotEquals {
      Objects.requireNonNull(value);
    }

    @Override
    public boolean test(JsonNode node) {
      return node == null || !node.isValueNode() || !node.asText().equals(value);
    }

    @Override
    public String describe() {
      return "≠ '" + value + "'";
    }
  }

  record In(Set<String> values) implements Condition {
    public In {
      values = Set.copyOf(values);
    }

    @Override
    public boolean test(JsonNode node) {
      return node != null && node.isValueNode() && values.contains(node.asText());
    }

    @Override
    public String describe() {
      return "in " + new java.util.TreeSet<>(values);
    }
  }

  record Compare(String op, double limit) implements Condition {
    static final List<String> OPS = List.of("gt", "ge", "lt", "le");

    public Compare {
      if (!OPS.contains(op) || !Double.isFinite(limit)) {
        throw new IllegalArgumentException("comparison " + op + " " + limit);
      }
    }

    @Override
    public boolean test(JsonNode node) {
      double v;
      if (node != null && node.isNumber()) {
        v = node.doubleValue();
      } else if (node != null && node.isTextual()) {
        try {
          v = Double.parseDouble(node.textValue().trim());
        } catch (NumberFormatException e) {
          return false;
        }
      } else {
        return false;
      }
      return switch (op) {
        case "gt" -> v > limit;
        case "ge" -> v >= limit;
        case "lt" -> v < limit;
        default -> v <= limit;
      };
    }

    @Override
    public String describe() {
      return switch (op) {
        case "gt" -> "> ";
        case "ge" -> "≥ ";
        case "lt" -> "< ";
        default -> "≤ ";
      } + limit;
    }
  }
}
