package org.gridguard.edge;

import java.util.List;

/**
 * The outcome of judging one agent configuration document ({@link AgentConfigLoader#judge}):
 * the validated config, or every problem, each prefixed with its YAML path
 * ({@code spool.fsync_interval: must be within 1ms..1s …}). A config file and a config pushed
 * by the hub are judged by exactly the same code.
 */
public sealed interface ConfigVerdict {
  /** The document is a valid configuration. */
  record Valid(AgentConfig config) implements ConfigVerdict {
    public Valid {
      if (config == null) {
        throw new IllegalArgumentException("a valid verdict needs its config");
      }
    }
  }

  /** The document is not: every problem found, with its path. */
  record Invalid(List<String> problems) implements ConfigVerdict {
    public Invalid {
      if (problems == null || problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid verdict needs at least one problem");
      }
      problems = List.copyOf(problems);
    }
  }
}
