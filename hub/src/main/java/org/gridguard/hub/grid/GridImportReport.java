package org.gridguard.hub.grid;

import java.util.List;

/**
 * What an import did. When {@code stored} is false nothing was written (problems without
 * {@code skipBadRows}, or input that could not be read to the end): the counts of written rows are
 * then 0 and every row counts as skipped.
 *
 * @param rows rows (CSV records after the header, or features) read
 * @param imported new nodes inserted
 * @param updated existing nodes whose name or polygon changed
 * @param unchanged existing nodes that were already as the file says
 * @param skipped rows not stored
 * @param problems the first problems found (at most {@code gridguard.grid.import-max-problems})
 * @param problemCount all problems found
 */
public record GridImportReport(boolean stored, int rows, int imported, int updated, int unchanged,
    int skipped, List<GridImportProblem> problems, long problemCount) {
  public GridImportReport {
    problems = List.copyOf(problems);
  }
}
