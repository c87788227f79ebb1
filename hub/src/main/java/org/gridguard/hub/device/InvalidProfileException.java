package org.gridguard.hub.device;

import java.util.List;
import java.util.stream.Collectors;

/** An edge profile the hub refuses: every problem found, each with its path. */
public final class InvalidProfileException extends RuntimeException {
  private final transient List<ProfileProblem> problems;
  private final int notListed;

  InvalidProfileException(List<ProfileProblem> problems, int notListed) {
    super(problems.stream().map(ProfileProblem::toString).collect(Collectors.joining("; "))
        + (notListed > 0 ? "; and " + notListed + " more problem(s)" : ""));
    this.problems = List.copyOf(problems);
    this.notListed = notListed;
  }

  public List<ProfileProblem> problems() {
    return problems;
  }

  /** Problems found beyond {@code gridguard.edge-profile.max-problems}. */
  public int notListed() {
    return notListed;
  }
}
