package org.gridguard.edge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of one mapping in a parsed YAML document (as SnakeYAML returns it: maps,
 * lists, strings, numbers, booleans) that knows its own path. Accessors never throw: a missing
 * or malformed value is recorded in the shared {@link ConfigProblems} with its full path and a
 * fallback is returned, so one pass finds every problem. Each component parses its own slice
 * ({@code MqttConfig.from(node.child("mqtt"))}).
 */
public final class ConfigNode {

  private final String path;
  private final Map<String, Object> values;
  private final ConfigProblems problems;
  private final Set<String> read = new LinkedHashSet<>();

  private ConfigNode(String path, Map<String, Object> values, ConfigProblems problems) {
    this.path = path;
    this.values = values;
    this.problems = problems;
  }

  /** The node for a whole document; a document that is not a mapping is a problem. */
  public static ConfigNode root(Object document, ConfigProblems problems) {
    return of("", document, problems);
  }

  @SuppressWarnings("unchecked")
  private static ConfigNode of(String path, Object value, ConfigProblems problems) {
    if (value == null) {
      return new ConfigNode(path, Map.of(), problems);
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(path, "must be a mapping of keys to values, found " + describe(value));
      return new ConfigNode(path, Map.of(), problems);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return new ConfigNode(path, Collections.unmodifiableMap(copy), problems);
  }

  public String path() {
    return path;
  }

  public ConfigProblems problems() {
    return problems;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** Path of a key below this node, for messages. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Records a problem at a key of this node. */
  public void problem(String key, String message) {
    problems.add(key == null ? path : pathOf(key), message);
  }

  /**
   * Builds a config record from the values read from this node. The record's compact
   * constructor is where its rules live: a {@link ConfigRuleException} becomes a problem at the
   * key it names (any other {@link IllegalArgumentException} one at this node), and the result
   * is {@code null} then.
   */
  public <T> T build(java.util.function.Supplier<T> record) {
    try {
      return record.get();
    } catch (ConfigRuleException e) {
      e.violations().forEach(v -> problem(v.key(), v.message()));
      return null;
    } catch (IllegalArgumentException e) {
      problem(null, e.getMessage());
      return null;
    }
  }

  /** A nested mapping; missing → empty node (callers then apply defaults). */
  public ConfigNode child(String key) {
    read.add(key);
    return of(pathOf(key), values.get(key), problems);
  }

  /** A list of mappings; missing → empty list. */
  public List<ConfigNode> list(String key) {
    List<?> list = listValue(key);
    List<ConfigNode> nodes = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      nodes.add(of(pathOf(key) + "[" + i + "]", list.get(i), problems));
    }
    return nodes;
  }

  /** A list of strings; missing → empty list. */
  public List<String> strings(String key) {
    List<?> list = listValue(key);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (item instanceof Map || item instanceof List || item == null) {
        problems.add(pathOf(key) + "[" + i + "]", "must be a text value, found " + describe(item));
      } else {
        out.add(String.valueOf(item));
      }
    }
    return out;
  }

  /** The raw list at a key: empty when missing, empty with a problem when not a list. */
  private List<?> listValue(String key) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      problem(key, "must be a list, found " + describe(value));
      return List.of();
    }
    return list;
  }

  /** A mapping of names to nested mappings ({@code devices: {door-1: {...}}}). */
  public Map<String, ConfigNode> children(String key) {
    ConfigNode node = child(key);
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    for (String name : node.values.keySet()) {
      out.put(name, node.child(name));
    }
    return out;
  }

  /** A raw scalar/structure as parsed, or {@code null}. */
  public Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  /** A required non-empty string. */
  public String string(String key) {
    String value = string(key, null);
    if (value == null || value.isBlank()) {
      if (value == null && has(key)) {
        return "";
      }
      problem(key, has(key) ? "must not be empty" : "is required");
      return "";
    }
    return value;
  }

  public String string(String key, String fallback) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Map || value instanceof List) {
      problem(key, "must be a text value, found " + describe(value));
      return fallback;
    }
    return String.valueOf(value);
  }

  public long integer(String key, long fallback, long min, long max) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    long parsed;
    if (value instanceof Integer || value instanceof Long) {
      parsed = ((Number) value).longValue();
    } else {
      try {
        parsed = Long.parseLong(String.valueOf(value).trim().replace("_", ""));
      } catch (NumberFormatException e) {
        problem(key, "must be a whole number, found " + describe(value));
        return fallback;
      }
    }
    if (parsed < min || parsed > max) {
      problem(key, "must be within [" + min + ", " + max + "], was " + parsed);
      return fallback;
    }
    return parsed;
  }

  public double number(String key, double fallback, double min, double max) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    double parsed;
    if (value instanceof Number n) {
      parsed = n.doubleValue();
    } else {
      try {
        parsed = Double.parseDouble(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        problem(key, "must be a number, found " + describe(value));
        return fallback;
      }
    }
    if (!(parsed >= min && parsed <= max)) {
      problem(key, "must be within [" + min + ", " + max + "], was " + parsed);
      return fallback;
    }
    return parsed;
  }

  public boolean flag(String key, boolean fallback) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    problem(key, "must be true or false, found " + describe(value));
    return fallback;
  }

  /** A duration written {@code 250ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 7d}. */
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    Duration parsed = Units.duration(String.valueOf(value));
    if (parsed == null) {
      problem(key, "must be a duration like 250ms, 5s, 10m, 2h or 7d, found " + describe(value));
      return fallback;
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      problem(key, "must be within [" + min + ", " + max + "], was " + parsed);
      return fallback;
    }
    return parsed;
  }

  /** A size written {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 2GiB} (bytes). */
  public long bytes(String key, long fallback, long min, long max) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    Long size = Units.bytes(String.valueOf(value));
    if (size == null) {
      problem(key, "must be a size like 512, 64KiB, 10MiB or 2GiB, found " + describe(value));
      return fallback;
    }
    long parsed = size;
    if (parsed < min || parsed > max) {
      problem(key, "must be within [" + min + ", " + max + "] bytes, was " + parsed);
      return fallback;
    }
    return parsed;
  }

  /** One of a fixed set of words (case-insensitive); returns the matching allowed value. */
  public String oneOf(String key, String fallback, List<String> allowed) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value)) {
        return a;
      }
    }
    problem(key, "must be one of " + allowed + ", was '" + value + "'");
    return fallback;
  }

  /**
   * Reports every key of this node that no accessor has read: typos such as
   * {@code retension} would otherwise be ignored silently. Call after parsing the node.
   */
  public void rejectUnknownKeys() {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        problem(key, "unknown key");
      }
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "'" + value + "'";
  }
}
