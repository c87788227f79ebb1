package org.gridguard.hub.grid;

import java.util.List;
import java.util.stream.Collectors;

/** A grid node that does not satisfy {@link GridNode}'s rules, with every problem found. */
public final class InvalidGridNodeException extends IllegalArgumentException {
  private final transient List<FieldProblem> problems;

  InvalidGridNodeException(String code, List<FieldProblem> problems) {
    super("grid node " + (code == null ? "(no code)" : "'" + code + "'") + ": "
        + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
