package org.gridguard.edge.managed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections of the agent configuration the hub manages (PROTOCOL.md §10): today
 * {@code video.cameras} and {@code rules.devices}. A pushed document holds only these; each
 * one present replaces the same section of the local file as a whole, everything else stays
 * the local file's. Works on parsed YAML trees, never changing its inputs.
 */
public final class ManagedSections {
  /** section → key inside it. */
  static final Map<String, String> MANAGED = Map.of("video", "cameras", "rules", "devices");

  private ManagedSections() {
  }

  /**
   * What is wrong with the shape of a pushed document, each problem with its path; empty when
   * it is a mapping of managed sections only (an empty document manages nothing).
   */
  public static List<String> problems(Object pushed) {
    List<String> problems = new ArrayList<>();
    if (pushed == null) {
      return problems;
    }
    if (!(pushed instanceof Map<?, ?> root)) {
      problems.add("(document): must be a mapping holding video.cameras and/or rules.devices");
      return problems;
    }
    for (Map.Entry<?, ?> e : root.entrySet()) {
      String section = String.valueOf(e.getKey());
      String key = MANAGED.get(section);
      if (key == null) {
        problems.add(section + ": not a managed section; a pushed configuration holds only "
            + "video.cameras and rules.devices (the gateway's own sections stay in its file)");
      } else if (!(e.getValue() instanceof Map<?, ?> inner)) {
        problems.add(section + ": must be a mapping holding only " + key);
      } else {
        for (Object k : inner.keySet()) {
          if (!key.equals(String.valueOf(k))) {
            problems.add(section + "." + k + ": not managed by the hub; only " + section + "."
                + key + " may be pushed");
          }
        }
      }
    }
    return problems;
  }

  /**
   * The local tree with every managed section present in {@code pushed} put in place of its
   * own (creating {@code video} or {@code rules} when the local file has none).
   *
   * @param pushed a document {@link #problems} has nothing against
   */
  public static Map<String, Object> merge(Object local, Object pushed) {
    Map<String, Object> merged = copy(local);
    if (!(pushed instanceof Map<?, ?> root)) {
      return merged;
    }
    for (Map.Entry<String, String> m : MANAGED.entrySet()) {
      if (root.get(m.getKey()) instanceof Map<?, ?> section && section.containsKey(m.getValue())) {
        Map<String, Object> target = copy(merged.get(m.getKey()));
        target.put(m.getValue(), section.get(m.getValue()));
        merged.put(m.getKey(), target);
      }
    }
    return merged;
  }

  /** Only the managed sections of a pushed document (what is persisted), in a fixed order. */
  public static Map<String, Object> managedOnly(Object pushed) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (pushed instanceof Map<?, ?> root) {
      for (String section : List.of("video", "rules")) {
        if (root.get(section) instanceof Map<?, ?> s && s.containsKey(MANAGED.get(section))) {
          out.put(section, Map.of(MANAGED.get(section), s.get(MANAGED.get(section))));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> copy(Object tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (tree instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }
}
