package org.gridguard.edge.managed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of the agent configuration the hub manages (PROTOCOL.md §10): {@code video.cameras},
 * {@code rules.devices}, {@code rules.device_types}, {@code mapping.presets} and
 * {@code mapping.rules}. A pushed document holds only these; each one present replaces the same
 * key of the local file as a whole, a managed key absent leaves the file's value, everything
 * else stays the local file's. Works on parsed YAML trees, never changing its inputs.
 */
public final class ManagedSections {
  /** section → its managed keys, in the order they are persisted. */
  static final Map<String, List<String>> MANAGED = managed();

  /** Every managed key as a path, for messages: "video.cameras, rules.devices, …". */
  static final String ALL = MANAGED.entrySet().stream()
      .flatMap(e -> e.getValue().stream().map(k -> e.getKey() + "." + k))
      .collect(Collectors.joining(", "));

  private ManagedSections() {
  }

  private static Map<String, List<String>> managed() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("video", List.of("cameras"));
    m.put("rules", List.of("devices", "device_types"));
    m.put("mapping", List.of("presets", "rules"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * What is wrong with the shape of a pushed document, each problem with its path; empty when
   * it is a mapping of managed keys only (an empty document manages nothing). The values
   * themselves are judged by the agent's validator after the merge.
   */
  public static List<String> problems(Object pushed) {
    List<String> problems = new ArrayList<>();
    if (pushed == null) {
      return problems;
    }
    if (!(pushed instanceof Map<?, ?> root)) {
      problems.add("(document): must be a mapping holding only the managed keys " + ALL);
      return problems;
    }
    for (Map.Entry<?, ?> e : root.entrySet()) {
      String section = String.valueOf(e.getKey());
      List<String> keys = MANAGED.get(section);
      if (keys == null) {
        problems.add(section + ": not a managed section; a pushed configuration holds only "
            + ALL + " (the gateway's own sections stay in its file)");
      } else if (!(e.getValue() instanceof Map<?, ?> inner)) {
        problems.add(section + ": must be a mapping holding only " + only(section, keys));
      } else {
        for (Object k : inner.keySet()) {
          if (!keys.contains(String.valueOf(k))) {
            problems.add(section + "." + k + ": not managed by the hub; a push may hold only "
                + only(section, keys) + " (" + section + "." + k + " stays in the gateway's "
                + "own file)");
          }
        }
      }
    }
    return problems;
  }

  private static String only(String section, List<String> keys) {
    return keys.stream().map(k -> section + "." + k).collect(Collectors.joining(" and "));
  }

  /**
   * The local tree with every managed key present in {@code pushed} put in place of its own
   * (creating {@code video}, {@code rules} or {@code mapping} when the local file has none).
   *
   * @param pushed a document {@link #problems} has nothing against
   */
  public static Map<String, Object> merge(Object local, Object pushed) {
    Map<String, Object> merged = copy(local);
    if (!(pushed instanceof Map<?, ?> root)) {
      return merged;
    }
    for (Map.Entry<String, List<String>> m : MANAGED.entrySet()) {
      if (!(root.get(m.getKey()) instanceof Map<?, ?> section)) {
        continue;
      }
      Map<String, Object> target = null;
      for (String key : m.getValue()) {
        if (section.containsKey(key)) {
          if (target == null) {
            target = copy(merged.get(m.getKey()));
          }
          target.put(key, section.get(key));
        }
      }
      if (target != null) {
        merged.put(m.getKey(), target);
      }
    }
    return merged;
  }

  /** Only the managed keys of a pushed document (what is persisted), in a fixed order. */
  public static Map<String, Object> managedOnly(Object pushed) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!(pushed instanceof Map<?, ?> root)) {
      return out;
    }
    for (Map.Entry<String, List<String>> m : MANAGED.entrySet()) {
      if (root.get(m.getKey()) instanceof Map<?, ?> section) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String key : m.getValue()) {
          if (section.containsKey(key)) {
            keys.put(key, section.get(key));
          }
        }
        if (!keys.isEmpty()) {
          out.put(m.getKey(), keys);
        }
      }
    }
    return out;
  }

  /** Whether a pushed document holds any managed key of {@code section}. */
  static boolean holds(Object pushed, String section) {
    return managedOnly(pushed).containsKey(section);
  }

  /** One top-level section of a tree, {@code null} when absent. */
  public static Object section(Object tree, String section) {
    return tree instanceof Map<?, ?> root ? root.get(section) : null;
  }

  /** {@code tree} with its {@code section} replaced by that of {@code from} (or removed). */
  static Map<String, Object> withSectionOf(Object tree, Object from, String section) {
    Map<String, Object> out = copy(tree);
    Object value = section(from, section);
    if (value == null) {
      out.remove(section);
    } else {
      out.put(section, value);
    }
    return out;
  }

  /** Top-level sections whose value differs between two trees, in a stable order. */
  static Set<String> changedSections(Object a, Object b) {
    Set<String> names = new java.util.TreeSet<>();
    names.addAll(copy(a).keySet());
    names.addAll(copy(b).keySet());
    names.removeIf(n -> java.util.Objects.equals(section(a, n), section(b, n)));
    return names;
  }

  private static Map<String, Object> copy(Object tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (tree instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }
}
