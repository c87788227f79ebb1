package org.gridguard.edge.managed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration pushed by the hub (PROTOCOL.md §10), end to end: a version at or below the
 * running one is answered ok and ignored; otherwise the document's managed keys are merged
 * over the local file, the whole is judged by the agent's own validator, and only a valid one
 * is applied ({@link ConfigApplier}, all or none) and then persisted as the last good push.
 * The answer lists every problem, one per line, each with its path. Also the hub's
 * {@code reload_mapping} ({@link MappingReload}), which goes through the same judge and applier.
 * One change at a time: a push (the uplink's push thread) and a reload (its command thread)
 * never overlap.
 */
final class ConfigPushService {
  private static final Logger log = LoggerFactory.getLogger(ConfigPushService.class);
  static final String YAML = "application/yaml";

  private final ConfigJudge judge;
  private final ConfigApplier applier;
  private final PushedConfigFile file;
  private final Metrics metrics;
  private final MappingReload reload;
  private volatile long version;
  /** What runs, as trees and judged; guarded by {@code this}. */
  private State state;

  /**
   * What the agent runs: the local file's tree (the reloaded mapping in it), the managed keys
   * of the last good push, and both judged together.
   */
  record State(Object localTree, Map<String, Object> pushed, ManagedConfig running) {
    State {
      pushed = Map.copyOf(pushed);
    }
  }

  /** Without a local file to re-read: {@code reload_mapping} is refused. */
  ConfigPushService(Object localTree, ManagedConfig running, long version, ConfigJudge judge,
      ConfigApplier applier, PushedConfigFile file, Metrics metrics) {
    this(new State(localTree, Map.of(), running), version, judge, applier, file, metrics, null);
  }

  /**
   * @param state the local file as parsed at start, the persisted push merged over it (empty
   *     for none) and the managed part of the configuration judged from both
   * @param version the push version it runs, 0 for none
   * @param localFile the file {@code reload_mapping} re-reads; {@code null} when the agent was
   *     started from a document (tests)
   */
  ConfigPushService(State state, long version, ConfigJudge judge, ConfigApplier applier,
      PushedConfigFile file, Metrics metrics, Path localFile) {
    this.state = state;
    this.version = version;
    this.judge = judge;
    this.applier = applier;
    this.file = file;
    this.metrics = metrics;
    this.reload = new MappingReload(localFile, judge, applier, metrics);
    metrics.gauge("config_push.applied_version", () -> this.version);
  }

  long version() {
    return version;
  }

  synchronized ManagedConfig running() {
    return state.running();
  }

  CommandResult push(ConfigPush push) {
    long v = push.getConfigVersion();
    String id = "config:" + v;
    metrics.counter("config_push.received").increment();
    if (v <= version) {
      metrics.counter("config_push.ignored").increment();
      return answer(id, true, "config version " + v + " is not newer than the running version "
          + version + "; nothing to do");
    }
    if (!push.getContentType().isEmpty() && !YAML.equals(push.getContentType())) {
      return reject(id, List.of("content_type: must be " + YAML + ", was '"
          + push.getContentType() + "'"), false);
    }
    String source = "config push " + v;
    Object pushed;
    try {
      pushed = YamlDocuments.parse(push.getDocument().toString(StandardCharsets.UTF_8), source);
    } catch (InvalidConfigException e) {
      return reject(id, e.problems(), false);
    }
    boolean mapping = ManagedSections.holds(pushed, "mapping");
    List<String> shape = ManagedSections.problems(pushed);
    if (!shape.isEmpty()) {
      return reject(id, shape, mapping);
    }
    synchronized (this) {
      ConfigJudge.Verdict verdict = judge.judge(ManagedSections.merge(state.localTree(), pushed),
          source);
      if (verdict instanceof ConfigJudge.Invalid invalid) {
        return reject(id, invalid.problems(), mapping);
      }
      ManagedConfig next = ((ConfigJudge.Valid) verdict).config();
      boolean remap = state.running().mappingDiffers(next);
      ConfigApplier.Applied applied;
      try {
        applied = applier.apply(state.running(), next, source);
      } catch (ConfigApplier.ApplyFailedException e) {
        metrics.counter("config_push.failed").increment();
        if (remap) {
          MappingReload.count(metrics, "push", "failed");
        }
        return answer(id, false, e.getMessage());
      }
      Map<String, Object> kept = ManagedSections.managedOnly(pushed);
      state = new State(state.localTree(), kept, next);
      version = v;
      metrics.counter("config_push.applied").increment();
      if (remap) {
        MappingReload.count(metrics, "push", "applied");
      }
      String saved = "";
      try {
        file.save(new PushedConfig(v, kept));
      } catch (IOException | RuntimeException e) {
        metrics.counter("config_push.save_failures").increment();
        log.error("config push {} applied but not saved to {}: the next start runs the previous "
            + "one", v, file.path(), e);
        saved = "; NOT saved for the next start (" + file.path() + ": " + e + ")";
      }
      log.info("config push {} applied: {}", v, applied.describe());
      return answer(id, true, "applied: " + applied.describe() + saved);
    }
  }

  /**
   * {@code reload_mapping} (PROTOCOL.md §10): re-reads the local file and applies its mapping,
   * the managed keys of the last push still winning; all or none.
   */
  synchronized MappingReload.Outcome reloadMapping() {
    MappingReload.Result result = reload.run(state, version);
    state = result.state();
    return result.outcome();
  }

  private CommandResult reject(String id, List<String> problems, boolean mapping) {
    metrics.counter("config_push.rejected").increment();
    if (mapping) {
      MappingReload.count(metrics, "push", "rejected");
    }
    log.warn("{} rejected, the running configuration (version {}) stays: {}", id, version,
        problems);
    return answer(id, false, String.join("\n", problems));
  }

  private static CommandResult answer(String id, boolean ok, String message) {
    return CommandResult.newBuilder().setCommandId(id).setOk(ok).setMessage(message).build();
  }
}
