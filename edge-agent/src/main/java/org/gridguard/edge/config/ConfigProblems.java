package org.gridguard.edge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found while reading a configuration, each with its path in the file
 * ({@code mqtt.mappings[2].topic: must not be empty}), so the agent can list them all at once
 * and exit instead of stopping at the first.
 */
public final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  public void add(String path, String message) {
    problems.add((path.isEmpty() ? "(root)" : path) + ": " + message);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  /** @throws InvalidConfigException listing every problem, if there is any */
  public void throwIfAny(String source) {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(source, list());
    }
  }
}
