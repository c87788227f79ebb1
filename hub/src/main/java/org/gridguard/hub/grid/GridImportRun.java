package org.gridguard.hub.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.value.GridCode;

/**
 * One import's checks and writes, inside the caller's transaction. Rows are buffered in chunks
 * of {@code batchSize}; per chunk one query finds which codes (and parents) exist, then every row
 * is checked in file order and the good ones are written in two batches (inserts, updates).
 *
 * <p>Order: a row's parent must already be in the database or earlier in the same file. A file
 * cannot be sorted while it streams, and a second pass would need the whole file stored
 * somewhere; parent-first is what exports (ordered by code) and hand-made files produce. A row
 * whose parent comes later is reported and says so.
 *
 * <p>Memory: the chunk, plus the codes seen so far (for duplicates and parents), at most
 * {@code importMaxRows} of them. Once there is a problem and bad rows are not skipped, checking
 * goes on (so the report is complete) but nothing more is written; the caller rolls back.
 */
final class GridImportRun {
  private static final List<String> FIELDS = List.of("code", "level", "parent", "name", "polygon");

  private final GridRepository repository;
  private final GridScope scope;
  private final boolean skipBadRows;
  private final GridProperties limits;
  private final GridFormat format;
  /** Every valid code read so far → the row it was first on. */
  private final Map<String, Integer> seen = new HashMap<>();
  /** Codes known to exist: in the database, or accepted earlier in this file. */
  private final Set<String> present = new HashSet<>();
  private final List<GridRow> pending = new ArrayList<>();
  private final List<GridImportProblem> problems = new ArrayList<>();
  private long problemCount;
  private boolean fatal;
  private int rows;
  private int imported;
  private int updated;
  private int unchanged;
  private int skipped;

  GridImportRun(GridRepository repository, GridScope scope, boolean skipBadRows,
      GridProperties limits, GridFormat format) {
    this.repository = repository;
    this.scope = scope;
    this.skipBadRows = skipBadRows;
    this.limits = limits;
    this.format = format;
  }

  /** Takes one row; returns false when the row limit is passed (the import is then refused). */
  boolean add(GridRow row) {
    if (rows == limits.importMaxRows()) {
      fatal(format.problem(row.number(), null, "more than " + limits.importMaxRows()
          + " rows (gridguard.grid.import-max-rows); split the file"));
      return false;
    }
    rows++;
    pending.add(row);
    if (pending.size() == limits.importBatchSize()) {
      flush();
    }
    return true;
  }

  /** The input could not be read on: nothing is stored. */
  void fatal(GridImportProblem problem) {
    fatal = true;
    report(problem);
  }

  /** Checks and writes what is still buffered. */
  void finish() {
    flush();
  }

  /** Whether what was written may be committed. */
  boolean committable() {
    return !fatal && (skipBadRows || problemCount == 0);
  }

  GridImportReport report() {
    return committable()
        ? new GridImportReport(true, rows, imported, updated, unchanged, skipped, problems,
            problemCount)
        : new GridImportReport(false, rows, 0, 0, 0, rows, problems, problemCount);
  }

  private void flush() {
    if (pending.isEmpty() || fatal) {
      pending.clear();
      return;
    }
    Set<String> lookup = new HashSet<>();
    for (GridRow row : pending) {
      String code = strip(row.code());
      if (GridCode.isValid(code)) {
        lookup.add(code);
        GridCode.parentOf(code).filter(p -> !present.contains(p)).ifPresent(lookup::add);
      }
    }
    Set<String> existing = repository.existing(lookup);
    present.addAll(existing);
    List<GridNode> inserts = new ArrayList<>();
    List<GridNode> updates = new ArrayList<>();
    List<GridNode> renames = new ArrayList<>();
    for (GridRow row : pending) {
      List<FieldProblem> found = new ArrayList<>(row.problems());
      GridNode node = check(row, existing, found);
      if (found.isEmpty()) {
        present.add(node.code());
        if (!existing.contains(node.code())) {
          inserts.add(node);
        } else {
          (row.polygonGiven() ? updates : renames).add(node);
        }
      } else {
        skipped++;
        found.sort(Comparator.comparingInt(p -> FIELDS.indexOf(p.field())));
        for (FieldProblem p : found) {
          report(format.problem(row.number(), p.field(), p.reason()));
        }
      }
    }
    pending.clear();
    if (committable()) {
      repository.insertAll(inserts);
      imported += inserts.size();
      count(repository.updateAll(updates, true));
      count(repository.updateAll(renames, false));
    }
  }

  private void count(boolean[] changes) {
    for (boolean changed : changes) {
      if (changed) {
        updated++;
      } else {
        unchanged++;
      }
    }
  }

  /** The row's node, or null with {@code found} holding why not. */
  private GridNode check(GridRow row, Set<String> existing, List<FieldProblem> found) {
    if (!row.fieldsRead()) {
      return null;
    }
    GridNode node = null;
    try {
      node = GridNode.fromInput(row.code(), row.name(), row.parent(), row.level(), row.polygon());
    } catch (InvalidGridNodeException e) {
      for (FieldProblem p : e.problems()) {
        // a field the reader already refused (e.g. a geometry it could not take) is reported once
        if (found.stream().noneMatch(f -> f.field() != null && f.field().equals(p.field()))) {
          found.add(p);
        }
      }
    }
    String code = strip(row.code());
    if (GridCode.isValid(code)) {
      Integer first = seen.putIfAbsent(code, row.number());
      if (first != null) {
        found.add(new FieldProblem("code", "duplicate: " + code + " is also on "
            + format.where(first)));
      }
    }
    if (!found.isEmpty()) {
      return null;
    }
    boolean exists = existing.contains(node.code());
    if (!scope.covers(node.code())) {
      found.add(new FieldProblem("code", node.code() + " is outside your grid scope"));
    } else if (!exists && node.isCounty() && !scope.global()) {
      found.add(new FieldProblem("code", "only an administrator with global scope may create "
          + "a county"));
    } else if (!exists && !node.isCounty() && !scope.covers(node.parentCode())) {
      found.add(new FieldProblem("parent", node.parentCode() + " is outside your grid scope"));
    } else if (!node.isCounty() && !present.contains(node.parentCode())) {
      Integer parentRow = seen.get(node.parentCode());
      found.add(new FieldProblem("parent", parentRow != null
          ? node.parentCode() + " (" + format.where(parentRow) + ") was not imported because of "
              + "its own problems"
          : node.parentCode() + " is neither in the database nor earlier in this file (a parent "
              + "must come before its children)"));
    }
    return node;
  }

  private void report(GridImportProblem problem) {
    problemCount++;
    if (problems.size() < limits.importMaxProblems()) {
      problems.add(problem);
    }
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
