package org.gridguard.hub.incident;

import java.util.Optional;

/**
 * Where an incident is in the workflow (DOMAIN.md, after GB/T 30428): collect → verify (核实) →
 * register (立案) → dispatch (派遣) → handle (处置) → report back (反馈) → check (核查) → close
 * (结案). Each open state belongs to a timed {@link Step}; VOIDED and CLOSED are final;
 * SUSPENDED stops the clock.
 */
public enum IncidentState {
  REPORTED(Step.VERIFY),
  VERIFYING(Step.VERIFY),
  REGISTERED(Step.DISPATCH),
  VOIDED(null),
  DISPATCHED(Step.ACCEPT),
  ACCEPTED(Step.HANDLE),
  IN_PROGRESS(Step.HANDLE),
  RESOLVED(Step.CHECK),
  CHECKING(Step.CHECK),
  CLOSED(null),
  SUSPENDED(null);

  private final Step step;

  IncidentState(Step step) {
    this.step = step;
  }

  /** The timed step this state is part of; empty for final states and SUSPENDED. */
  public Optional<Step> step() {
    return Optional.ofNullable(step);
  }

  public boolean isFinal() {
    return this == VOIDED || this == CLOSED;
  }
}
