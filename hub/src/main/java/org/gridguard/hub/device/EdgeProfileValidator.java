package org.gridguard.hub.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The hub's judge of a gateway's edge profile, used by the REST API and the console alike:
 * preset names known ({@link MappingPresets}), each YAML text within
 * {@code gridguard.edge-profile.max-yaml-bytes} and parsed with SnakeYAML's
 * {@link SafeConstructor} (no types, no duplicate keys, bounded aliases and nesting), the mapping
 * rules ({@link MappingRuleChecks}) and device-type rules ({@link DeviceTypeRuleChecks}) in the
 * shape the edge reads. All problems are reported at once, each with its path. What needs the
 * edge's vendor knowledge (JSON paths, codes, conversions, units) the edge judges when it gets
 * the push; a refusal comes back as the push status {@code failed} with its problems.
 */
@Component
class EdgeProfileValidator {
  static final String PRESETS = "mappingPresets";
  static final String RULES = "mappingRules";
  static final String TYPES = "deviceTypeRules";
  private static final int MAX_NESTING = 32;
  private static final int MAX_ALIASES = 50;

  /** A profile as accepted: blank texts are {@code null} (not managed), line ends LF. */
  record Checked(List<String> mappingPresets, String mappingRules, String deviceTypeRules,
      int ruleCount, int deviceTypeCount) {}

  private final EdgeProfileProperties config;
  private final Counter refused;

  EdgeProfileValidator(EdgeProfileProperties config, MeterRegistry meters) {
    this.config = config;
    this.refused = Counter.builder("gridguard.edge.profile.refused")
        .description("edge profiles the hub's validator refused (REST and console)")
        .register(meters);
  }

  /**
   * @param presets null = the hub does not manage {@code mapping.presets}
   * @param mappingRules null or blank = the hub does not manage {@code mapping.rules}
   * @param deviceTypeRules null or blank = the hub does not manage {@code rules.device_types}
   * @throws InvalidProfileException with every problem found
   */
  Checked check(List<String> presets, String mappingRules, String deviceTypeRules) {
    ProfileProblems problems = new ProfileProblems(config.maxProblems());
    presets(presets, problems);
    String rules = normalized(mappingRules);
    String types = normalized(deviceTypeRules);
    Object rulesDoc = rules == null ? null : load(rules, RULES, problems);
    if (rulesDoc != null) {
      MappingRuleChecks.check(rulesDoc, RULES, config.maxRules(), problems);
    }
    Object typesDoc = types == null ? null : load(types, TYPES, problems);
    if (typesDoc != null) {
      DeviceTypeRuleChecks.check(typesDoc, TYPES, config.maxDeviceTypes(), problems);
    }
    if (presets != null && presets.isEmpty() && rulesDoc instanceof List<?> l && l.isEmpty()) {
      problems.add(PRESETS, "no presets and no mapping rules: the edge would subscribe to "
          + "nothing; choose a preset, give rules, or leave both unset to keep the gateway's "
          + "own file");
    }
    if (!problems.isEmpty()) {
      refused.increment();
    }
    problems.throwIfAny();
    return new Checked(presets, rules, types,
        rulesDoc instanceof List<?> list ? list.size() : 0,
        typesDoc instanceof java.util.Map<?, ?> m ? m.size() : 0);
  }

  private static void presets(List<String> presets, ProfileProblems problems) {
    if (presets == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < presets.size(); i++) {
      String name = presets.get(i);
      String at = PRESETS + "[" + i + "]";
      if (name == null || MappingPresets.find(name).isEmpty()) {
        problems.add(at, "unknown preset '" + Checks.cut(name) + "', known: "
            + String.join(", ", MappingPresets.names()));
      } else if (!seen.add(name)) {
        problems.add(at, "'" + name + "' is chosen twice");
      }
    }
  }

  /** Blank → null; CRLF (a browser's textarea) → LF. */
  static String normalized(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The parsed text, or null with the problem recorded (too large, not YAML, empty). */
  private Object load(String text, String field, ProfileProblems problems) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > config.maxYamlBytes()) {
      problems.add(field, "at most " + config.maxYamlBytes() + " bytes "
          + "(gridguard.edge-profile.max-yaml-bytes), was " + bytes);
      return null;
    }
    try {
      Object doc = parse(text, config.maxYamlBytes());
      if (doc == null) {
        problems.add(field, "holds no YAML value (only comments?); leave it empty to keep the "
            + "gateway's own file");
      }
      return doc;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column "
          + (mark.getColumn() + 1);
      String what = e instanceof DuplicateKeyException ? "a key appears twice in one mapping"
          : e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(field, "not valid YAML" + where + ": " + what);
      return null;
    } catch (YAMLException e) {
      problems.add(field, "not valid YAML: " + Checks.cut(e.getMessage()));
      return null;
    }
  }

  /**
   * Parses one YAML document into maps, lists and scalars (SafeConstructor: no custom types),
   * refusing duplicate keys, deep nesting and alias bombs.
   *
   * @throws YAMLException when it is not such a document
   */
  static Object parse(String text, int maxBytes) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(Math.max(maxBytes, 1024));
    options.setAllowRecursiveKeys(false);
    return new Yaml(new SafeConstructor(options)).load(text);
  }
}
