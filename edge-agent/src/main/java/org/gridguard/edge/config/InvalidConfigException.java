package org.gridguard.edge.config;

import java.util.List;

/** A configuration with problems; the message lists all of them, one per line. */
public final class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidConfigException(String source, List<String> problems) {
    super(source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
