package org.gridguard.hub.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hub's checks of a gateway's own mapping rules ({@code mapping.rules}), those that need no
 * vendor knowledge, as the edge's {@code MappingRuleParser} makes them: a list of mappings, each
 * with the known top-level keys only, a unique {@code name}, a valid MQTT topic filter, a device
 * type and id, and something to map. The edge judges the rest (paths, codes, conversions) and
 * answers a push it refuses with its problems.
 */
final class MappingRuleChecks {
  /** A rule's name: shown in dead letters and metrics. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final Set<String> KEYS = Set.of("name", "topic", "when", "device_type", "device_id",
      "timestamp", "event", "readings", "reading_list", "rules");

  private MappingRuleChecks() {}

  static void check(Object doc, String path, int maxRules, ProfileProblems problems) {
    if (!(doc instanceof List<?> rules)) {
      problems.add(path, "must be a YAML list of mapping rules (\"- name: …\\n  topic: …\"), "
          + "found " + YamlShape.describe(doc)
          + (doc instanceof Map<?, ?> m && m.containsKey("rules")
              ? " — give the list itself, without the 'rules:' key" : ""));
      return;
    }
    if (rules.size() > maxRules) {
      problems.add(path, "at most " + maxRules + " rules (gridguard.edge-profile.max-rules), "
          + "found " + rules.size());
      return;
    }
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(rules.get(i) instanceof Map<?, ?> rule)) {
        problems.add(at, "must be a mapping with name, topic, device_type, device_id and what "
            + "to map, found " + YamlShape.describe(rules.get(i)));
        continue;
      }
      YamlShape.knownKeys(rule, at, KEYS, problems);
      String name = YamlShape.requiredText(rule, "name", at, problems);
      if (name != null) {
        Integer first = names.putIfAbsent(name, i);
        if (!NAME.matcher(name).matches()) {
          problems.add(at + ".name", "must be 1-64 letters, digits, '_', '.' or '-' starting "
              + "with a letter or digit, was '" + Checks.cut(name) + "'");
        } else if (first != null) {
          problems.add(at + ".name", "'" + name + "' is already the name of " + path + "["
              + first + "]; rule names are unique");
        }
      }
      String topic = YamlShape.requiredText(rule, "topic", at, problems);
      if (topic != null) {
        String problem = topicFilterProblem(topic);
        if (problem != null) {
          problems.add(at + ".topic", problem);
        }
      }
      YamlShape.requiredText(rule, "device_type", at, problems);
      YamlShape.requiredText(rule, "device_id", at, problems);
      YamlShape.mapping(rule, "when", at, problems);
      YamlShape.mapping(rule, "event", at, problems);
      YamlShape.list(rule, "readings", at, problems);
      YamlShape.mapping(rule, "reading_list", at, problems);
      Object timestamp = rule.get("timestamp");
      if (timestamp instanceof List<?>) {
        problems.add(at + ".timestamp", "must be a JSON path or a mapping (path, format, "
            + "pattern, zone, required), found a list");
      }
      if (!rule.containsKey("event") && !rule.containsKey("readings")
          && !rule.containsKey("reading_list")) {
        problems.add(at, "maps nothing: give 'event', 'readings' or 'reading_list'");
      }
    }
  }

  /** Why {@code filter} is not an MQTT topic filter (MQTT 3.1.1 §4.7), or null. */
  static String topicFilterProblem(String filter) {
    if (filter.length() > 256) {
      return "at most 256 characters, was " + filter.length();
    }
    if (filter.chars().anyMatch(c -> c == 0 || Character.isISOControl(c))) {
      return "must not contain control characters";
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return "'#' must be a whole level and the last one, in '" + Checks.cut(filter) + "'";
      }
      if (level.contains("+") && !level.equals("+")) {
        return "'+' must be a whole level, in '" + Checks.cut(filter) + "'";
      }
    }
    return null;
  }
}
