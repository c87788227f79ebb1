package org.gridguard.edge.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Optional parts of one message that were present but unusable, collected while mapping it.
 * The list is created on the first problem only: most messages have none.
 */
final class DroppedFields {
  private List<String> reasons;
  private String firstCause;

  /**
   * @param what which part was left out, e.g. "optional reading 'battery'"
   * @param cause the mapping problem, "where: what was wrong"
   */
  void add(String what, String cause) {
    if (reasons == null) {
      reasons = new ArrayList<>(2);
      firstCause = cause;
    }
    reasons.add(what + " left out: " + cause);
  }

  /** The first problem as the mapper would have reported it; null when none. */
  String firstCause() {
    return firstCause;
  }

  boolean isEmpty() {
    return reasons == null;
  }

  List<String> list() {
    return reasons == null ? List.of() : reasons;
  }
}
