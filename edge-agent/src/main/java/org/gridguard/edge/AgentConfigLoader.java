package org.gridguard.edge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.metrics.MetricsConfig;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.video.CamerasConfig;
import org.gridguard.edge.source.mqtt.MqttConfig;
import org.gridguard.edge.source.simulator.SimulatorConfig;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.uplink.HubAddress;
import org.gridguard.edge.uplink.UplinkConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads the agent's YAML file into an {@link AgentConfig}, listing every problem at once. */
public final class AgentConfigLoader {
  private AgentConfigLoader() {}

  /** @throws InvalidConfigException listing every problem with its path */
  public static AgentConfig load(Path file) {
    String source = file.toString();
    Object document;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      document = parseYaml(reader);
    } catch (IOException e) {
      throw new InvalidConfigException(source, List.of("(file): cannot read: " + e));
    } catch (MarkedYAMLException e) {
      throw new InvalidConfigException(source, List.of("line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1) + ": not valid YAML: "
          + e.getProblem()));
    } catch (YAMLException e) {
      throw new InvalidConfigException(source, List.of("(file): not valid YAML: "
          + e.getMessage()));
    }
    return parse(document, source);
  }

  /**
   * Parses YAML text (tests, remote config).
   *
   * @throws InvalidConfigException listing every problem with its path
   */
  public static AgentConfig parse(String yaml, String source) {
    Object document;
    try {
      document = parseYaml(new java.io.StringReader(yaml));
    } catch (MarkedYAMLException e) {
      throw new InvalidConfigException(source, List.of("line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1) + ": not valid YAML: "
          + e.getProblem()));
    } catch (YAMLException e) {
      throw new InvalidConfigException(source, List.of("(document): not valid YAML: "
          + e.getMessage()));
    }
    return parse(document, source);
  }

  /**
   * Judges one configuration document — the entry the hub's config push uses, so a pushed
   * config and a file are judged identically. Never throws for a bad document.
   *
   * @param yaml the document, UTF-8
   * @param source what to call it in messages (a file name, "config push 17")
   */
  public static ConfigVerdict judge(byte[] yaml, String source) {
    if (yaml == null) {
      return new ConfigVerdict.Invalid(List.of("(document): is empty"));
    }
    return judge(new String(yaml, StandardCharsets.UTF_8), source);
  }

  /** {@link #judge(byte[], String)} for text. */
  public static ConfigVerdict judge(String yaml, String source) {
    try {
      return new ConfigVerdict.Valid(parse(yaml, source));
    } catch (InvalidConfigException e) {
      return new ConfigVerdict.Invalid(e.problems());
    }
  }

  private static Object parseYaml(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    return new Yaml(new SafeConstructor(options)).load(reader);
  }

  /**
   * Reads a file into its YAML tree without judging it (the start-up merges the last pushed
   * configuration over it first, see {@link StartupConfig}).
   *
   * @throws InvalidConfigException when it cannot be read or is not YAML
   */
  static Object readTree(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return org.gridguard.edge.config.YamlDocuments.parse(reader, file.toString());
    } catch (IOException e) {
      throw new InvalidConfigException(file.toString(), List.of("(file): cannot read: " + e));
    }
  }

  /**
   * Judges a parsed document — the same validator {@link #judge(String, String)} runs after
   * parsing; the config push judges the merged tree with it. Never throws for a bad tree.
   */
  public static ConfigVerdict judgeTree(Object tree, String source) {
    try {
      return new ConfigVerdict.Valid(parse(tree, source));
    } catch (InvalidConfigException e) {
      return new ConfigVerdict.Invalid(e.problems());
    }
  }

  private static AgentConfig parse(Object document, String source) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.root(document, problems);
    GatewayConfig gateway = GatewayConfig.from(root.child("gateway"));
    HubAddress hub = HubAddress.from(root.child("hub"));
    SpoolConfig spool = SpoolConfig.from(root.child("spool"));
    UplinkConfig uplink = UplinkConfig.from(root.child("uplink"));
    SimulatorConfig simulator = SimulatorConfig.from(root, "simulator");
    Duration metricsLog = root.duration("metrics_log_interval", Duration.ofMinutes(1),
        Duration.ofSeconds(1), Duration.ofDays(1));
    MetricsConfig metrics = root.has("metrics") ? MetricsConfig.from(root.child("metrics"))
        : MetricsConfig.OFF;
    MqttConfig mqtt = root.has("mqtt") ? MqttConfig.from(root.child("mqtt")) : null;
    MappingConfig mapping = root.has("mapping") ? MappingConfig.from(root.child("mapping")) : null;
    if (mqtt != null && mapping == null) {
      root.problem("mapping", "is required when an mqtt section is present (which payloads "
          + "become which records)");
    }
    RulesConfig rules = root.has("rules") ? RulesConfig.from(root.child("rules"))
        : RulesConfig.defaults();
    if (mapping != null) {
      for (MappingConfig.ProfileUse use : mapping.rulesProfiles()) {
        if (!rules.deviceTypes().containsKey(use.profile())) {
          problems.add(use.path(), "mapping rule '" + use.rule() + "' names the rules profile '"
              + use.profile() + "', which rules.device_types does not define (defined: "
              + new java.util.TreeSet<>(rules.deviceTypes().keySet()) + ")");
        }
      }
    }
    CamerasConfig video = root.has("video") ? CamerasConfig.from(root.child("video")) : null;
    root.rejectUnknownKeys();
    problems.throwIfAny(source);
    return new AgentConfig(gateway, hub, spool, uplink, mqtt, mapping, rules, video, simulator,
        metricsLog, metrics);
  }
}
