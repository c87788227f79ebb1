package org.gridguard.edge.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Optional parts of one message that were present but unusable, collected while mapping it.
 * The list is created on the first problem only: most messages have none.
 */
final class DroppedFields {
  private List<String> reasons;

  void add(String reason) {
    if (reasons == null) {
      reasons = new ArrayList<>(2);
    }
    reasons.add(reason);
  }

  boolean isEmpty() {
    return reasons == null;
  }

  List<String> list() {
    return reasons == null ? List.of() : reasons;
  }
}
