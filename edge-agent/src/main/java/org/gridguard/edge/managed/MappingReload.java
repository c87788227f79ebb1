package org.gridguard.edge.managed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@code reload_mapping} (PROTOCOL.md §10): re-reads the gateway's local file and
 * applies its {@code mapping} section live, the managed keys of the last push still winning
 * ({@code mapping.rules} / {@code mapping.presets} pushed by the hub stay over the file's).
 * The whole file is judged, merged with the last push, by the agent's own validator: a file
 * that cannot be read or is invalid anywhere is refused with every problem and its path, and
 * the running mapping stays. Only the mapping is applied (its rules, presets, payload limit
 * and credential salt); the file's other changes — and {@code mapping.dead_letter} — take
 * effect at the next restart, which the answer says.
 *
 * <p>Metric {@code mapping.reloads{trigger=command|push, outcome=applied|unchanged|rejected|
 * failed}}: every reload command, and every push that changes the mapping or holds mapping
 * keys and is refused.
 */
final class MappingReload {
  private static final Logger log = LoggerFactory.getLogger(MappingReload.class);

  /** The answer to the hub. */
  record Outcome(boolean ok, String message) {
    Outcome {
      Objects.requireNonNull(message);
    }
  }

  /** What runs after the reload (unchanged when refused or failed) and the answer. */
  record Result(ConfigPushService.State state, Outcome outcome) {
  }

  private final Path localFile;
  private final ConfigJudge judge;
  private final ConfigApplier applier;
  private final Metrics metrics;

  /** @param localFile {@code null} when the agent was started from a document, not a file */
  MappingReload(Path localFile, ConfigJudge judge, ConfigApplier applier, Metrics metrics) {
    this.localFile = localFile;
    this.judge = judge;
    this.applier = applier;
    this.metrics = metrics;
  }

  static void count(Metrics metrics, String trigger, String outcome) {
    metrics.tagged("mapping.reloads", "trigger", trigger, "outcome", outcome).increment();
  }

  Result run(ConfigPushService.State state, long version) {
    if (localFile == null) {
      return refused(state, List.of("(file): this agent was started from a configuration "
          + "document, not a file; there is nothing to re-read"));
    }
    String source = localFile.toString();
    Object file;
    try {
      file = YamlDocuments.parse(Files.readString(localFile, StandardCharsets.UTF_8), source);
    } catch (IOException | RuntimeException e) {
      List<String> problems = e instanceof InvalidConfigException invalid ? invalid.problems()
          : List.of("(file): cannot read " + source + ": " + e);
      return refused(state, problems);
    }
    String what = "reload_mapping of " + source
        + (version > 0 ? " under config push " + version : "");
    ConfigJudge.Verdict whole = judge.judge(ManagedSections.merge(file, state.pushed()), what);
    if (whole instanceof ConfigJudge.Invalid invalid) {
      return refused(state, invalid.problems());
    }
    // the running tree with only the file's mapping taken over: what runs from now on
    Map<String, Object> local = ManagedSections.withSectionOf(state.localTree(), file,
        "mapping");
    ConfigJudge.Verdict verdict = judge.judge(ManagedSections.merge(local, state.pushed()),
        what);
    if (verdict instanceof ConfigJudge.Invalid invalid) {
      return refused(state, invalid.problems());
    }
    ManagedConfig next = ((ConfigJudge.Valid) verdict).config();
    String notes = notes(state, file);
    ConfigPushService.State after = new ConfigPushService.State(local, state.pushed(), next);
    if (!state.running().mappingDiffers(next)) {
      count(metrics, "command", "unchanged");
      return new Result(after, new Outcome(true, "mapping unchanged (" + rules(next)
          + " rule(s) in force)" + notes));
    }
    ConfigApplier.Applied applied;
    try {
      applied = applier.apply(state.running(), next, what);
    } catch (ConfigApplier.ApplyFailedException e) {
      count(metrics, "command", "failed");
      return new Result(state, new Outcome(false, e.getMessage()));
    }
    count(metrics, "command", "applied");
    log.info("{}: mapping swapped, {} rule(s) in force ({})", what, rules(next),
        applied.mapping());
    return new Result(after, new Outcome(true, "mapping reloaded from " + source + ": "
        + rules(next) + " rule(s) in force; " + applied.mapping() + notes));
  }

  private Result refused(ConfigPushService.State state, List<String> problems) {
    count(metrics, "command", "rejected");
    log.warn("reload_mapping refused, the running mapping stays: {}", problems);
    return new Result(state, new Outcome(false, String.join("\n", problems)));
  }

  private static int rules(ManagedConfig config) {
    return config.mapping() == null ? 0 : config.mapping().rules().size();
  }

  /** What the answer adds: the push's keys that won, and what waits for a restart. */
  private static String notes(ConfigPushService.State state, Object file) {
    List<String> notes = new ArrayList<>();
    if (ManagedSections.section(state.pushed(), "mapping") instanceof Map<?, ?> pushed) {
      notes.add(pushed.keySet().stream().map(k -> "mapping." + k).toList()
          + " of the last config push win over the file's");
    }
    Object before = ManagedSections.section(state.localTree(), "mapping");
    Object after = ManagedSections.section(file, "mapping");
    if (!Objects.equals(ManagedSections.section(before, "dead_letter"),
        ManagedSections.section(after, "dead_letter"))) {
      notes.add("mapping.dead_letter changed: takes effect at the next restart");
    }
    Set<String> others = ManagedSections.changedSections(state.localTree(), file);
    others.remove("mapping");
    if (!others.isEmpty()) {
      notes.add("the file's other changes (" + String.join(", ", others) + ") are not applied "
          + "by reload_mapping: they take effect at the next restart");
    }
    return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
  }
}
