package org.gridguard.hub.grid;

import java.util.Objects;

/**
 * What is wrong with one field of a grid node.
 *
 * @param field the field's name as the input spells it ({@code code}, {@code name}, …), or null
 *     when the problem is the whole row
 * @param reason a sentence for people
 */
public record FieldProblem(String field, String reason) {
  public FieldProblem {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return field == null ? reason : field + ": " + reason;
  }
}
