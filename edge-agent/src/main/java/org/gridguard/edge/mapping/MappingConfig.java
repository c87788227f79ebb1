package org.gridguard.edge.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code mapping:} slice of the agent config: payload limit, credential salt, dead-letter
 * file, the configured rules and the presets to add after them (first matching rule wins, so
 * configured rules override presets on the same topics).
 */
public record MappingConfig(int maxPayloadBytes, String credentialSalt,
    DeadLetterConfig deadLetter, List<MappingRule> rules, int presetRules) {

  public MappingConfig(int maxPayloadBytes, String credentialSalt, DeadLetterConfig deadLetter,
      List<MappingRule> rules) {
    this(maxPayloadBytes, credentialSalt, deadLetter, rules, 0);
  }

  /** Presets shipped in the jar, by name (resources {@code presets/<name>.yml}). */
  public static final List<String> PRESETS =
      List.of("gridguard-canonical", "acme-access", "senscity-sensors");

  public MappingConfig {
    Objects.requireNonNull(credentialSalt);
    Objects.requireNonNull(deadLetter);
    rules = List.copyOf(rules);
    if (maxPayloadBytes < 64) {
      throw new IllegalArgumentException("maxPayloadBytes must be ≥ 64");
    }
  }

  /** One reading a configured (not preset) rule maps, for {@code --check}'s warnings. */
  public record MappedMetric(String rule, String deviceType, String metric, String unit,
      String rulesProfile) {}

  /**
   * Readings of the rules with a constant device type, presets left out (they are checked by
   * their own tests). {@code presetRules} rules at the end of {@link #rules} are skipped.
   */
  public List<MappedMetric> mappedMetrics(int presetRules) {
    List<MappedMetric> out = new ArrayList<>();
    for (MappingRule rule : rules.subList(0, Math.max(0, rules.size() - presetRules))) {
      if (rule.deviceType() instanceof ValueSource.Constant type) {
        for (ReadingSpec r : rule.readings()) {
          out.add(new MappedMetric(rule.name(), type.value(), r.metric(), r.unit(),
              rule.rulesProfile()));
        }
        for (ByteLayout layout : rule.layouts()) {
          for (ByteLayout.Field f : layout.fields().stream()
              .filter(ByteLayout.Field::reading).toList()) {
            out.add(new MappedMetric(rule.name(), type.value(), f.metric(), f.unit(),
                rule.rulesProfile()));
          }
        }
      }
    }
    return out;
  }

  /** A unit a configured (not preset) rule declares, with its config path. */
  public record UnitUse(String path, String rule, String metric, String unit) {}

  /**
   * The units the configured rules' readings and decoded fields declare (non-empty ones), in
   * config order, for {@code --check}'s unknown-unit warnings.
   */
  public List<UnitUse> declaredUnits() {
    List<UnitUse> out = new ArrayList<>();
    for (int i = 0; i < rules.size() - presetRules; i++) {
      MappingRule rule = rules.get(i);
      String at = "mapping.rules[" + i + "].readings[";
      // a layout at position p is preceded in the config list by p readings and its
      // earlier layouts; reading j by j readings and the layouts at positions ≤ j
      List<ByteLayout> layouts = rule.layouts();
      for (int j = 0; j < rule.readings().size(); j++) {
        final int index = j;
        long before = layouts.stream().filter(l -> l.position() <= index).count();
        ReadingSpec r = rule.readings().get(j);
        if (!r.unit().isEmpty()) {
          out.add(new UnitUse(at + (j + before) + "].unit", rule.name(), r.metric(), r.unit()));
        }
      }
      for (int k = 0; k < layouts.size(); k++) {
        List<ByteLayout.Field> fields = layouts.get(k).fields();
        for (int f = 0; f < fields.size(); f++) {
          if (!fields.get(f).unit().isEmpty()) {
            out.add(new UnitUse(at + (layouts.get(k).position() + k) + "].decode.fields[" + f
                + "].unit", rule.name(), fields.get(f).metric(), fields.get(f).unit()));
          }
        }
      }
    }
    return out;
  }

  /** A configured rule naming a rules profile ({@code rules:}), with its config path. */
  public record ProfileUse(String path, String rule, String profile) {}

  /** The rules profiles configured rules name, for the agent's loader to check. */
  public List<ProfileUse> rulesProfiles() {
    List<ProfileUse> out = new ArrayList<>();
    for (int i = 0; i < rules.size() - presetRules; i++) {
      MappingRule rule = rules.get(i);
      if (rule.rulesProfile() != null) {
        out.add(new ProfileUse("mapping.rules[" + i + "].rules", rule.name(),
            rule.rulesProfile()));
      }
    }
    return out;
  }

  /** How many of {@link #rules} came from presets (they are last). */
  public int presetRuleCount() {
    return presetRules;
  }

  /** Parses the slice; problems (with paths) go to the node's {@link ConfigProblems}. */
  public static MappingConfig from(ConfigNode node) {
    int maxPayload = (int) node.bytes("max_payload_bytes", 64 << 10, 64, 16L << 20);
    String salt = node.string("credential_salt");
    if (!salt.isEmpty() && salt.length() < 8) {
      node.problem("credential_salt", "must have at least 8 characters");
    }
    DeadLetterConfig deadLetter = DeadLetterConfig.from(node.child("dead_letter"));
    List<MappingRule> rules = new ArrayList<>();
    for (ConfigNode ruleNode : node.list("rules")) {
      MappingRule rule = MappingRuleParser.parse(ruleNode);
      if (rule != null) {
        rules.add(rule);
      }
    }
    int configured = rules.size();
    List<String> presets = node.strings("presets");
    for (int i = 0; i < presets.size(); i++) {
      String name = presets.get(i);
      if (!PRESETS.contains(name)) {
        node.problems().add(node.pathOf("presets") + "[" + i + "]",
            "unknown preset '" + name + "', known: " + PRESETS);
        continue;
      }
      rules.addAll(preset(name, node.problems()));
    }
    if (rules.isEmpty()) {
      node.problem("rules", "no mapping rules and no presets: nothing would be subscribed");
    }
    node.rejectUnknownKeys();
    return new MappingConfig(maxPayload, salt.length() < 8 ? "invalid-salt" : salt, deadLetter,
        rules, rules.size() - configured);
  }

  /** The rules of one shipped preset. */
  static List<MappingRule> preset(String name, ConfigProblems problems) {
    String resource = "presets/" + name + ".yml";
    try (InputStream in = MappingConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing from the jar: " + resource);
      }
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      ConfigProblems local = new ConfigProblems();
      ConfigNode root = ConfigNode.root(doc, local);
      List<MappingRule> rules = new ArrayList<>();
      for (ConfigNode ruleNode : root.list("rules")) {
        MappingRule rule = MappingRuleParser.parse(ruleNode);
        if (rule != null) {
          rules.add(rule);
        }
      }
      root.string("description", "");
      root.rejectUnknownKeys();
      local.list().forEach(p -> problems.add("preset " + name, p));
      return rules;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read preset " + resource, e);
    }
  }
}
