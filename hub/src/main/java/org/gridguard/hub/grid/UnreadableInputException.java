package org.gridguard.hub.grid;

import java.io.IOException;

/** The input cannot be read on (its structure is broken, it is not UTF-8, it is too large). */
final class UnreadableInputException extends IOException {
  private final transient GridImportProblem problem;

  UnreadableInputException(GridImportProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  GridImportProblem problem() {
    return problem;
  }
}
