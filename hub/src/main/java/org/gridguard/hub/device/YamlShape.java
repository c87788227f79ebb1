package org.gridguard.hub.device;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shape checks on a parsed YAML tree (SafeConstructor: maps, lists, scalars), with paths. */
final class YamlShape {
  private YamlShape() {}

  static String describe(Object value) {
    if (value == null) {
      return "nothing (null)";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof String s) {
      return "the text '" + Checks.cut(s) + "'";
    }
    return (value instanceof Boolean ? "the boolean " : value instanceof Number ? "the number "
        : "the value ") + Checks.cut(String.valueOf(value));
  }

  /** Every key of {@code map} not in {@code known}, and every non-text key, is a problem. */
  static void knownKeys(Map<?, ?> map, String path, Set<String> known, ProfileProblems problems) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String k)) {
        problems.add(path + "." + key, "YAML read this key as " + describe(key)
            + ": keys here are names (" + String.join(", ", new java.util.TreeSet<>(known))
            + ")");
      } else if (!known.contains(k)) {
        problems.add(path + "." + k, "unknown key (known: "
            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
  }

  /** A required non-empty text; null when absent or wrong (the problem recorded). */
  static String requiredText(Map<?, ?> map, String key, String path, ProfileProblems problems) {
    Object v = map.get(key);
    if (v == null) {
      problems.add(path + "." + key, map.containsKey(key) ? "must not be empty" : "required");
      return null;
    }
    return text(v, path + "." + key, problems);
  }

  /** An optional text; null when absent or wrong. */
  static String optionalText(Map<?, ?> map, String key, String path, ProfileProblems problems) {
    Object v = map.get(key);
    return v == null ? null : text(v, path + "." + key, problems);
  }

  private static String text(Object v, String path, ProfileProblems problems) {
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      problems.add(path, "must be a text value, found " + describe(v));
      return null;
    }
    String s = String.valueOf(v);
    if (s.isBlank()) {
      problems.add(path, "must not be empty");
      return null;
    }
    return s;
  }

  /** The value when it is a mapping (or absent: null); otherwise a problem. */
  static Map<?, ?> mapping(Map<?, ?> map, String key, String path, ProfileProblems problems) {
    Object v = map.get(key);
    if (v == null) {
      if (map.containsKey(key)) {
        problems.add(path + "." + key, "must be a mapping, found nothing (null)");
      }
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(path + "." + key, "must be a mapping, found " + describe(v));
      return null;
    }
    return m;
  }

  /** The value when it is a list (or absent: null); otherwise a problem. */
  static List<?> list(Map<?, ?> map, String key, String path, ProfileProblems problems) {
    Object v = map.get(key);
    if (v == null) {
      if (map.containsKey(key)) {
        problems.add(path + "." + key, "must be a list, found nothing (null)");
      }
      return null;
    }
    if (!(v instanceof List<?> l)) {
      problems.add(path + "." + key, "must be a list, found " + describe(v));
      return null;
    }
    return l;
  }

  /** An optional number within [min, max]; null when absent or wrong. */
  static Double number(Map<?, ?> map, String key, String path, double min, double max,
      ProfileProblems problems) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
      problems.add(path + "." + key, "must be a number, found " + describe(v));
      return null;
    }
    double d = n.doubleValue();
    if (d < min || d > max) {
      problems.add(path + "." + key, "must be within [" + fmt(min) + ", " + fmt(max)
          + "], was " + v);
      return null;
    }
    return d;
  }

  /** An optional whole number within [min, max]; null when absent or wrong. */
  static Long integer(Map<?, ?> map, String key, String path, long min, long max,
      ProfileProblems problems) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      problems.add(path + "." + key, "must be a whole number, found " + describe(v));
      return null;
    }
    long l = ((Number) v).longValue();
    if (l < min || l > max) {
      problems.add(path + "." + key, "must be within [" + min + ", " + max + "], was " + l);
      return null;
    }
    return l;
  }

  /** An optional duration in the edge's syntax (250ms, 5s, 10m, 2h, 7d) within [min, max]. */
  static void duration(Map<?, ?> map, String key, String path, Duration min, Duration max,
      ProfileProblems problems) {
    Object v = map.get(key);
    if (v == null) {
      return;
    }
    try {
      Checks.duration(String.valueOf(v), key, min, max);
    } catch (InvalidDeviceException e) {
      problems.add(path + "." + key, e.reason());
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
