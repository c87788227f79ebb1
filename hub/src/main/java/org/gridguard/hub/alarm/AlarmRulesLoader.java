package org.gridguard.hub.alarm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.protocol.v1.AlarmType;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and validates the correlation rules: {@code gridguard.alarm.rules-file} if set, else
 * the shipped {@code alarm-rules.yml}. Every problem is reported at once, each naming the
 * source, the rule and the key ("alarm-rules.yml: rule 'fire' window: ..."), and the hub
 * does not start with a bad file.
 */
final class AlarmRulesLoader {
  static final String DEFAULT = "alarm-rules.yml";
  private static final Set<String> RULE_KEYS = Set.of("name", "kind", "window", "members",
      "incident", "night", "min-devices", "group-by");

  private AlarmRulesLoader() {}

  static List<AlarmRule> load(String rulesFile) {
    if (rulesFile == null || rulesFile.isBlank()) {
      try (InputStream in = AlarmRulesLoader.class.getClassLoader().getResourceAsStream(DEFAULT)) {
        if (in == null) {
          throw new IllegalStateException(DEFAULT + " is missing from the classpath");
        }
        return parse(DEFAULT,
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path path = Path.of(rulesFile);
    try {
      return parse(rulesFile, Files.readString(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("gridguard.alarm.rules-file: cannot read " + path
          + ": " + e, e);
    }
  }

  static List<AlarmRule> parse(String source, String text) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    List<AlarmRule> rules = new ArrayList<>();
    if (!(root instanceof Map<?, ?> top) || !(top.get("rules") instanceof List<?> list)) {
      throw new IllegalArgumentException(source + ": expected a map with a list 'rules'");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = source + ": rules[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(where + ": expected a map");
        continue;
      }
      Object nameValue = m.get("name");
      String name = nameValue == null ? null : nameValue.toString();
      if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        problems.add(where + " name: 1-64 of [a-z0-9_-] required, was '" + name + "'");
        continue;
      }
      where = source + ": rule '" + name + "'";
      if (!names.add(name)) {
        problems.add(where + " name: defined twice");
      }
      for (Object key : m.keySet()) {
        if (!RULE_KEYS.contains(String.valueOf(key))) {
          problems.add(where + " " + key + ": unknown key (known: "
              + new java.util.TreeSet<>(RULE_KEYS) + ")");
        }
      }
      int before = problems.size();
      AlarmRule rule = rule(where, name, m, problems);
      if (problems.size() == before && rule != null) {
        rules.add(rule);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid alarm rules:\n  "
          + String.join("\n  ", problems));
    }
    return List.copyOf(rules);
  }

  private static AlarmRule rule(String where, String name, Map<?, ?> m, List<String> problems) {
    String kindText = String.valueOf(m.get("kind"));
    AlarmRule.Kind kind = switch (kindText) {
      case "all-of" -> AlarmRule.Kind.ALL_OF;
      case "outage" -> AlarmRule.Kind.OUTAGE;
      default -> {
        problems.add(where + " kind: 'all-of' or 'outage', was '" + kindText + "'");
        yield null;
      }
    };
    Object groupBy = m.get("group-by");
    if (groupBy != null && !"gateway".equals(groupBy.toString())) {
      problems.add(where + " group-by: only 'gateway' (one village / building) is supported, was '"
          + groupBy + "'");
    }
    Duration window = null;
    try {
      window = DurationStyle.detectAndParse(String.valueOf(m.get("window")));
      if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
        problems.add(where + " window: between 1s and 1d, was " + m.get("window"));
      }
    } catch (IllegalArgumentException e) {
      problems.add(where + " window: a duration such as 10m, was '" + m.get("window") + "'");
    }
    List<AlarmRule.Member> members = new ArrayList<>();
    if (!(m.get("members") instanceof List<?> ms) || ms.isEmpty()) {
      problems.add(where + " members: a non-empty list of {types: [...], metric?} required");
    } else {
      for (int j = 0; j < ms.size(); j++) {
        AlarmRule.Member member = member(where + " members[" + j + "]", ms.get(j), problems);
        if (member != null) {
          members.add(member);
        }
      }
    }
    String category = null;
    int priority = 0;
    LocalTime from = null;
    LocalTime to = null;
    int minDevices = 0;
    if (kind == AlarmRule.Kind.ALL_OF) {
      if (members.size() < 2) {
        problems.add(where + " members: an all-of rule needs at least two members");
      }
      if (!(m.get("incident") instanceof Map<?, ?> inc)) {
        problems.add(where + " incident: {category: '9101', priority: 1} required");
      } else {
        category = String.valueOf(inc.get("category"));
        if (!AlarmCategories.KNOWN.contains(category)) {
          problems.add(where + " incident.category: one of " + new java.util.TreeSet<>(
              AlarmCategories.KNOWN) + ", was '" + category + "'");
        }
        if (!(inc.get("priority") instanceof Integer p) || p < 1 || p > 4) {
          problems.add(where + " incident.priority: 1-4, was '" + inc.get("priority") + "'");
        } else {
          priority = p;
        }
      }
      if (m.get("night") != null) {
        String night = m.get("night").toString();
        String[] parts = night.split("-");
        try {
          if (parts.length != 2) {
            throw new DateTimeParseException("HH:mm-HH:mm", night, 0);
          }
          from = LocalTime.parse(parts[0].strip());
          to = LocalTime.parse(parts[1].strip());
          if (from.equals(to)) {
            problems.add(where + " night: from and to must differ, was '" + night + "'");
          }
        } catch (DateTimeParseException e) {
          problems.add(where + " night: 'HH:mm-HH:mm' (e.g. 22:00-06:00), was '" + night + "'");
        }
      }
      if (m.get("min-devices") != null) {
        problems.add(where + " min-devices: only for kind outage");
      }
    } else if (kind == AlarmRule.Kind.OUTAGE) {
      if (!(m.get("min-devices") instanceof Integer k) || k < 2 || k > 10_000) {
        problems.add(where + " min-devices: 2-10000, was '" + m.get("min-devices") + "'");
      } else {
        minDevices = k;
      }
      if (members.size() != 1) {
        problems.add(where + " members: an outage rule has exactly one member (the lost types)");
      }
      if (m.get("incident") != null || m.get("night") != null) {
        problems.add(where + ": an outage rule takes no incident and no night (it makes an "
            + "outage row, never an incident)");
      }
    }
    if (kind == null || window == null) {
      return null;
    }
    try {
      return new AlarmRule(name, kind, window, members, category, priority, from, to, minDevices);
    } catch (RuntimeException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
  }

  private static AlarmRule.Member member(String where, Object node, List<String> problems) {
    if (!(node instanceof Map<?, ?> m) || !(m.get("types") instanceof List<?> types)
        || types.isEmpty()) {
      problems.add(where + ": {types: [SMOKE, ...], metric?} required");
      return null;
    }
    Set<String> known = new HashSet<>();
    for (AlarmType t : AlarmType.values()) {
      if (t != AlarmType.UNRECOGNIZED && t != AlarmType.ALARM_TYPE_UNSPECIFIED) {
        known.add(t.name());
      }
    }
    known.add(AlarmIntake.DEVICE_OFFLINE);
    Set<String> out = new LinkedHashSet<>();
    for (Object t : types) {
      if (!known.contains(String.valueOf(t))) {
        problems.add(where + " types: unknown alarm type '" + t + "' (e.g. SMOKE, THRESHOLD, "
            + "DOOR_FORCED_OPEN, ZONE_MOTION, VIDEO_LOSS, DEVICE_OFFLINE)");
      } else {
        out.add(String.valueOf(t));
      }
    }
    for (Object key : m.keySet()) {
      if (!Set.of("types", "metric").contains(String.valueOf(key))) {
        problems.add(where + " " + key + ": unknown key (known: metric, types)");
      }
    }
    Object metric = m.get("metric");
    return out.isEmpty() ? null
        : new AlarmRule.Member(out, metric == null ? null : metric.toString());
  }
}
