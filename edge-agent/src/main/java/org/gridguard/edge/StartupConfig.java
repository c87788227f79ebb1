package org.gridguard.edge;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.managed.ManagedSections;
import org.gridguard.edge.managed.PushedConfig;
import org.gridguard.edge.managed.PushedConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration the agent starts with: its local file, with the last good configuration the
 * hub pushed ({@code pushed-config.yml} beside the spool) merged over it — the push wins for the
 * managed keys it holds ({@code video.cameras}, {@code rules.devices}, {@code rules.device_types},
 * {@code mapping.presets}, {@code mapping.rules}), the file for everything else. The local file
 * must be valid on its own (it is what runs when the persisted push is missing, corrupt or no
 * longer valid over it; then a warning says why and Hello reports version 0).
 *
 * @param localTree the local file as parsed (pushes are merged over it while the agent runs)
 * @param pushVersion the version of the persisted push in {@code config}, 0 for none
 * @param pushed the managed keys of that push, empty for none
 * @param runningTree the tree {@code config} was judged from (the push merged over the file)
 * @param localFile the file, for {@code reload_mapping}; {@code null} when started from text
 */
record StartupConfig(AgentConfig config, Object localTree, long pushVersion,
    Map<String, Object> pushed, Object runningTree, Path localFile) {
  private static final Logger log = LoggerFactory.getLogger(StartupConfig.class);

  /** @throws InvalidConfigException when the local file itself is not valid */
  static StartupConfig load(Path file) {
    return resolve(AgentConfigLoader.readTree(file), file.toString(), file);
  }

  /** {@link #load} for a document's text (tests): {@code reload_mapping} has no file to read. */
  static StartupConfig parse(String yaml, String source) {
    return resolve(YamlDocuments.parse(yaml, source), source, null);
  }

  private static StartupConfig resolve(Object localTree, String source, Path localFile) {
    ConfigVerdict local = AgentConfigLoader.judgeTree(localTree, source);
    if (local instanceof ConfigVerdict.Invalid invalid) {
      throw new InvalidConfigException(source, invalid.problems());
    }
    AgentConfig localConfig = ((ConfigVerdict.Valid) local).config();
    PushedConfigFile file = PushedConfigFile.besideSpool(localConfig.spool().directory());
    Optional<PushedConfig> pushed;
    try {
      pushed = file.load();
    } catch (InvalidConfigException e) {
      log.warn("the last pushed configuration is unusable; running the local file {} only "
          + "(config version 0) until the hub pushes again: {}", source, e.getMessage());
      return new StartupConfig(localConfig, localTree, 0, Map.of(), localTree, localFile);
    }
    if (pushed.isEmpty()) {
      return new StartupConfig(localConfig, localTree, 0, Map.of(), localTree, localFile);
    }
    PushedConfig push = pushed.get();
    String what = "config push " + push.version() + " (" + file.path() + ") over " + source;
    Object mergedTree = ManagedSections.merge(localTree, push.sections());
    ConfigVerdict merged = AgentConfigLoader.judgeTree(mergedTree, what);
    if (merged instanceof ConfigVerdict.Invalid invalid) {
      log.warn("the last pushed configuration is not valid over the local file; running {} "
          + "only (config version 0) until the hub pushes again. {} has {} problem(s):\n  {}",
          source, what, invalid.problems().size(), String.join("\n  ", invalid.problems()));
      return new StartupConfig(localConfig, localTree, 0, Map.of(), localTree, localFile);
    }
    // key names only: the values hold camera credentials
    log.info("running {} (from the hub: {})", what, push.sections().entrySet().stream()
        .flatMap(e -> ((Map<?, ?>) e.getValue()).keySet().stream().map(k -> e.getKey() + "." + k))
        .toList());
    return new StartupConfig(((ConfigVerdict.Valid) merged).config(), localTree,
        push.version(), push.sections(), mergedTree, localFile);
  }

  /** A configuration without its document (tests): not managed, pushes are refused. */
  static StartupConfig unmanaged(AgentConfig config) {
    return new StartupConfig(config, null, 0, Map.of(), null, null);
  }

  boolean managed() {
    return localTree != null;
  }
}
