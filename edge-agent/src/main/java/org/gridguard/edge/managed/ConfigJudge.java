package org.gridguard.edge.managed;

import java.util.List;

/**
 * Judges a whole agent configuration tree with the agent's own validator (the same as for its
 * file: {@code AgentConfigLoader.judgeTree}); injected by the agent's assembly.
 */
@FunctionalInterface
public interface ConfigJudge {
  Verdict judge(Object tree, String source);

  /** Valid with the managed part of the config, or every problem with its path. */
  sealed interface Verdict {
  }

  record Valid(ManagedConfig config) implements Verdict {
  }

  record Invalid(List<String> problems) implements Verdict {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
