package org.gridguard.hub.incident;

import java.util.Locale;
import java.util.Optional;

/**
 * What can happen to an incident; {@link Transitions} says from which state, to which, by whom.
 * Actions with {@code viaActionPath} are called as {@code POST /api/v1/incidents/{id}/<name>}
 * with the lower-case name; REPORT is the creation, MERGE/MERGED are done by the merge call and CORRELATE by
 * the alarm package's correlation rules.
 */
public enum IncidentAction {
  REPORT(false), VERIFY(true), REGISTER(true), VOID(true), DISPATCH(true), ACCEPT(true),
  START(true), RESOLVE(true), CHECK(true), CLOSE(true), REWORK(true), RETURN(true),
  SUSPEND(true), RESUME(true), ESCALATE(true), EXTEND(true),
  /** The surviving incident of a merge (self-transition). */
  MERGE(false),
  /** The incident merged into another (→ VOIDED). */
  MERGED(false),
  /**
   * An alarm joined by a correlation rule (self-transition by the hub); may raise the category
   * and priority to the rule's, which only ever tightens the clocks.
   */
  CORRELATE(false);

  private final boolean viaActionPath;

  IncidentAction(boolean viaActionPath) {
    this.viaActionPath = viaActionPath;
  }

  public String pathName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action named {@code name} in a request path, if there is one callable that way. */
  public static Optional<IncidentAction> fromPath(String name) {
    for (IncidentAction a : values()) {
      if (a.viaActionPath && a.pathName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public boolean viaActionPath() {
    return viaActionPath;
  }
}
