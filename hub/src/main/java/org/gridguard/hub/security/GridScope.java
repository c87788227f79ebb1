package org.gridguard.hub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gridguard.hub.value.GridCode;

/**
 * Where a caller may look: the grid nodes of their scope and everything below them, or the whole
 * deployment ({@code global}). Scope is applied in the SQL of every read ({@link #filter}), never
 * by filtering results in memory, so paging and counts stay right; an object outside the scope
 * is answered 404 as if it did not exist.
 *
 * <p>Grid codes are digits of fixed length per level and a child's code starts with its parent's
 * ({@link GridCode}), so "below node X" is {@code code LIKE 'X%'}.
 */
public record GridScope(boolean global, Set<String> nodes) {
  /** A SQL condition and its arguments, e.g. {@code (g.grid_code LIKE ? OR g.grid_code LIKE ?)}. */
  public record SqlFilter(String condition, List<Object> args) {
    public SqlFilter {
      args = List.copyOf(args);
    }

    /** {@code leading} arguments, then this filter's, then {@code trailing} ones. */
    public Object[] argsAfterThen(Object[] leading, Object... trailing) {
      List<Object> all = new ArrayList<>(List.of(leading));
      all.addAll(args);
      all.addAll(List.of(trailing));
      return all.toArray();
    }

    /** The arguments after {@code leading} ones of the rest of the query. */
    public Object[] argsAfter(Object... leading) {
      List<Object> all = new ArrayList<>(List.of(leading));
      all.addAll(args);
      return all.toArray();
    }
  }

  private static final GridScope ALL = new GridScope(true, Set.of());
  private static final GridScope NONE = new GridScope(false, Set.of());

  public GridScope {
    TreeSet<String> minimal = new TreeSet<>();
    for (String node : nodes) {
      if (!GridCode.isValid(node)) {
        throw new IllegalArgumentException("scope node '" + node + "': " + GridCode.rule());
      }
      minimal.add(node);
    }
    // drop nodes already covered by an ancestor in the set, so the SQL stays short
    minimal.removeIf(n -> minimal.stream().anyMatch(a -> !a.equals(n) && n.startsWith(a)));
    nodes = global ? Set.of() : Set.copyOf(minimal);
  }

  public static GridScope all() {
    return ALL;
  }

  public static GridScope none() {
    return NONE;
  }

  public static GridScope of(Set<String> nodes) {
    return new GridScope(false, nodes);
  }

  /** Whether the grid node {@code code} (or an object registered to it) is inside this scope. */
  public boolean covers(String code) {
    if (global) {
      return true;
    }
    return code != null && nodes.stream().anyMatch(code::startsWith);
  }

  /** Whether every node of {@code other} is inside this scope (for granting scope to others). */
  public boolean coversAll(GridScope other) {
    if (global) {
      return true;
    }
    return !other.global() && other.nodes().stream().allMatch(this::covers);
  }

  /**
   * The SQL condition limiting {@code column} (a grid code column) to this scope. Codes are
   * validated digits, so no LIKE escaping is needed; they are still passed as parameters.
   */
  public SqlFilter filter(String column) {
    if (global) {
      return new SqlFilter("1 = 1", List.of());
    }
    if (nodes.isEmpty()) {
      return new SqlFilter("1 = 0", List.of());
    }
    StringBuilder sql = new StringBuilder("(");
    List<Object> args = new ArrayList<>();
    for (String node : new TreeSet<>(nodes)) {
      if (!args.isEmpty()) {
        sql.append(" OR ");
      }
      sql.append(column).append(" LIKE ?");
      args.add(node + "%");
    }
    return new SqlFilter(sql.append(')').toString(), args);
  }
}
