package org.gridguard.edge.managed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration pushed by the hub (PROTOCOL.md §10), end to end: a version at or below the
 * running one is answered ok and ignored; otherwise the document's managed sections are merged
 * over the local file, the whole is judged by the agent's own validator, and only a valid one
 * is applied ({@link ConfigApplier}, all or none) and then persisted as the last good push.
 * The answer lists every problem, one per line, each with its path. One push at a time (the
 * uplink's push thread).
 */
final class ConfigPushService {
  private static final Logger log = LoggerFactory.getLogger(ConfigPushService.class);
  static final String YAML = "application/yaml";

  private final Object localTree;
  private final ConfigJudge judge;
  private final ConfigApplier applier;
  private final PushedConfigFile file;
  private final Metrics metrics;
  private volatile long version;
  private ManagedConfig running;

  /**
   * @param localTree the local file as parsed at start (what the managed sections go over)
   * @param running what the agent runs now
   * @param version the push version it runs, 0 for none
   */
  ConfigPushService(Object localTree, ManagedConfig running, long version, ConfigJudge judge,
      ConfigApplier applier, PushedConfigFile file, Metrics metrics) {
    this.localTree = localTree;
    this.running = running;
    this.version = version;
    this.judge = judge;
    this.applier = applier;
    this.file = file;
    this.metrics = metrics;
    metrics.gauge("config_push.applied_version", () -> this.version);
  }

  long version() {
    return version;
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
          + push.getContentType() + "'"));
    }
    String source = "config push " + v;
    Object pushed;
    try {
      pushed = YamlDocuments.parse(push.getDocument().toString(StandardCharsets.UTF_8), source);
    } catch (InvalidConfigException e) {
      return reject(id, e.problems());
    }
    List<String> shape = ManagedSections.problems(pushed);
    if (!shape.isEmpty()) {
      return reject(id, shape);
    }
    ConfigJudge.Verdict verdict = judge.judge(ManagedSections.merge(localTree, pushed), source);
    if (verdict instanceof ConfigJudge.Invalid invalid) {
      return reject(id, invalid.problems());
    }
    ManagedConfig next = ((ConfigJudge.Valid) verdict).config();
    ConfigApplier.Applied applied;
    try {
      applied = applier.apply(running, next, source);
    } catch (ConfigApplier.ApplyFailedException e) {
      metrics.counter("config_push.failed").increment();
      return answer(id, false, e.getMessage());
    }
    running = next;
    version = v;
    metrics.counter("config_push.applied").increment();
    String saved = "";
    try {
      file.save(new PushedConfig(v, ManagedSections.managedOnly(pushed)));
    } catch (IOException | RuntimeException e) {
      metrics.counter("config_push.save_failures").increment();
      log.error("config push {} applied but not saved to {}: the next start runs the previous "
          + "one", v, file.path(), e);
      saved = "; NOT saved for the next start (" + file.path() + ": " + e + ")";
    }
    log.info("config push {} applied: {}", v, applied.describe());
    return answer(id, true, "applied: " + applied.describe() + saved);
  }

  private CommandResult reject(String id, List<String> problems) {
    metrics.counter("config_push.rejected").increment();
    log.warn("{} rejected, the running configuration (version {}) stays: {}", id, version,
        problems);
    return answer(id, false, String.join("\n", problems));
  }

  private static CommandResult answer(String id, boolean ok, String message) {
    return CommandResult.newBuilder().setCommandId(id).setOk(ok).setMessage(message).build();
  }
}
