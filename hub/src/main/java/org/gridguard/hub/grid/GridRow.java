package org.gridguard.hub.grid;

import java.util.List;

/**
 * One node as an input file states it, not yet validated. Field names in {@code problems} are the
 * logical ones ({@code code}, {@code name}, {@code parent}, {@code level}, {@code polygon}, or
 * null for the whole row); {@link GridFormat} turns them into the format's own.
 *
 * @param number the CSV line the row starts on, or the GeoJSON feature number (1-based)
 * @param polygonGiven whether the input has a polygon for the row at all (a CSV without the
 *     {@code polygon} column, or a feature without a {@code geometry} member, has not: an existing
 *     node then keeps its polygon; an empty one removes it)
 * @param fieldsRead false when the row's fields could not be told apart (e.g. a CSV row with the
 *     wrong number of fields); its values are then null and only {@code problems} count
 * @param problems problems found while reading (a broken geometry, a property of the wrong type)
 */
record GridRow(int number, String code, String name, String parent, String level, String polygon,
    boolean polygonGiven, boolean fieldsRead, List<FieldProblem> problems) {
  GridRow {
    problems = List.copyOf(problems);
  }

  static GridRow unreadable(int number, FieldProblem problem) {
    return new GridRow(number, null, null, null, null, null, false, false, List.of(problem));
  }
}
