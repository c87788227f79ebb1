package org.gridguard.hub.grid;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridguard.hub.security.GridNodes;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.value.GridCode;
import org.gridguard.hub.value.GridCode.Level;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Grid nodes, their leader and members. Every read on behalf of a caller takes the caller's
 * {@link GridScope} into its SQL; the unscoped {@link #exists} and {@link #isGridOfLevel} are
 * for other packages' checks (e.g. a gateway must be registered to an existing GRID node).
 */
@Repository
public class GridRepository implements GridNodes {
  private static final String NODE = "g.code, g.level, g.name, g.parent_code, g.polygon";
  private static final String SUMMARY =
      "g.code, g.level, g.name, g.parent_code, g.polygon IS NOT NULL AS has_polygon";
  private static final RowMapper<GridNode> NODE_ROW = (rs, i) -> new GridNode(
      rs.getString("code"), Level.valueOf(rs.getString("level")), rs.getString("name"),
      rs.getString("parent_code"), rs.getString("polygon"));
  private static final RowMapper<GridSummary> SUMMARY_ROW = (rs, i) -> new GridSummary(
      rs.getString("code"), Level.valueOf(rs.getString("level")), rs.getString("name"),
      rs.getString("parent_code"), rs.getBoolean("has_polygon"));
  /** Most values in one IN (...) list. */
  private static final int IN_CHUNK = 1000;

  private final JdbcTemplate jdbc;

  public GridRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The node if it exists and is inside {@code scope}. */
  public Optional<GridNode> find(String code, GridScope scope) {
    GridScope.SqlFilter in = scope.filter("g.code");
    return jdbc.query("SELECT " + NODE + " FROM grid_node g WHERE g.code = ? AND "
        + in.condition(), NODE_ROW, in.argsAfter(code)).stream().findFirst();
  }

  /** Whether the node exists, whoever may see it. */
  @Override
  public boolean exists(String code) {
    return GridCode.isValid(code) && !jdbc.queryForList(
        "SELECT code FROM grid_node WHERE code = ?", String.class, code).isEmpty();
  }

  /** Whether the node exists and is of {@code level}, whoever may see it. */
  public boolean isGridOfLevel(String code, Level level) {
    return GridCode.levelOf(code).equals(Optional.of(level)) && exists(code);
  }

  GridPage list(GridScope scope, GridQuery query) {
    GridScope.SqlFilter in = scope.filter("g.code");
    StringBuilder where = new StringBuilder(" FROM grid_node g WHERE ").append(in.condition());
    List<Object> args = new ArrayList<>(in.args());
    if (query.parent() != null) {
      where.append(" AND g.parent_code = ?");
      args.add(query.parent());
    }
    if (query.level() != null) {
      where.append(" AND g.level = ?");
      args.add(query.level().name());
    }
    if (query.q() != null) {
      String like = "%" + escapeLike(query.q().toLowerCase(Locale.ROOT)) + "%";
      where.append(" AND (LOWER(g.name) LIKE ? ESCAPE '\\' OR g.code LIKE ? ESCAPE '\\')");
      args.add(like);
      args.add(like);
    }
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(query.size());
    pageArgs.add((long) query.page() * query.size());
    List<GridSummary> items = jdbc.query("SELECT " + SUMMARY + where
        + " ORDER BY g.code LIMIT ? OFFSET ?", SUMMARY_ROW, pageArgs.toArray());
    return new GridPage(items, total == null ? 0 : total, query.page(), query.size());
  }

  /** Direct children inside {@code scope} (at most 999: three digits per level). */
  List<GridSummary> children(String code, GridScope scope) {
    GridScope.SqlFilter in = scope.filter("g.code");
    return jdbc.query("SELECT " + SUMMARY + " FROM grid_node g WHERE g.parent_code = ? AND "
        + in.condition() + " ORDER BY g.code", SUMMARY_ROW, in.argsAfter(code));
  }

  /** Up to {@code limit} nodes inside {@code scope} with codes after {@code after}, by code. */
  List<GridNode> page(GridScope scope, String after, int limit) {
    GridScope.SqlFilter in = scope.filter("g.code");
    return jdbc.query("SELECT " + NODE + " FROM grid_node g WHERE g.code > ? AND "
        + in.condition() + " ORDER BY g.code LIMIT " + limit, NODE_ROW, in.argsAfter(after));
  }

  /** @throws org.springframework.dao.DuplicateKeyException if the code is taken */
  void insert(GridNode node) {
    insertAll(List.of(node));
  }

  void insertAll(List<GridNode> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("INSERT INTO grid_node (code, level, name, parent_code, polygon, "
        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        nodes, nodes.size(), (ps, n) -> {
          ps.setString(1, n.code());
          ps.setString(2, n.level().name());
          ps.setString(3, n.name());
          ps.setString(4, n.parentCode());
          ps.setString(5, n.polygon());
        });
  }

  /**
   * Sets the name, and with {@code polygonToo} the polygon, of existing nodes.
   *
   * @return per node whether it changed (false: it was already so, or it does not exist)
   */
  boolean[] updateAll(List<GridNode> nodes, boolean polygonToo) {
    if (nodes.isEmpty()) {
      return new boolean[0];
    }
    String sql = polygonToo
        ? "UPDATE grid_node SET name = ?, polygon = ?, updated_at = CURRENT_TIMESTAMP "
            + "WHERE code = ? AND (name <> ? OR polygon IS DISTINCT FROM ?)"
        : "UPDATE grid_node SET name = ?, updated_at = CURRENT_TIMESTAMP "
            + "WHERE code = ? AND name <> ?";
    int[][] counts = jdbc.batchUpdate(sql, nodes, nodes.size(), (ps, n) -> {
      int i = 1;
      ps.setString(i++, n.name());
      if (polygonToo) {
        ps.setString(i++, n.polygon());
      }
      ps.setString(i++, n.code());
      ps.setString(i++, n.name());
      if (polygonToo) {
        ps.setString(i, n.polygon());
      }
    });
    boolean[] changed = new boolean[nodes.size()];
    int i = 0;
    for (int[] batch : counts) {
      for (int count : batch) {
        changed[i++] = count != 0; // SUCCESS_NO_INFO (-2) counts as changed
      }
    }
    return changed;
  }

  /** Which of {@code codes} exist, whoever may see them. */
  Set<String> existing(Collection<String> codes) {
    Set<String> found = new HashSet<>();
    List<String> all = List.copyOf(new HashSet<>(codes));
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      jdbc.query("SELECT code FROM grid_node WHERE code IN (" + marks(chunk.size()) + ")",
          (ResultSet rs) -> {
            found.add(rs.getString(1));
          }, chunk.toArray());
    }
    return found;
  }

  /** @return whether the node existed */
  boolean update(String code, String name, String polygon) {
    return jdbc.update("UPDATE grid_node SET name = ?, polygon = ?, updated_at = CURRENT_TIMESTAMP "
        + "WHERE code = ?", name, polygon, code) == 1;
  }

  /** @return whether the node existed */
  boolean delete(String code) {
    return jdbc.update("DELETE FROM grid_node WHERE code = ?", code) == 1;
  }

  int childCount(String code) {
    return count("SELECT COUNT(*) FROM grid_node WHERE parent_code = ?", code);
  }

  /** Users whose grid scope names this node (they keep it from being deleted). */
  int scopeUserCount(String code) {
    return count("SELECT COUNT(*) FROM app_user_scope WHERE grid_code = ?", code);
  }

  /** The leader's username, if the node is inside {@code scope} and has one. */
  Optional<String> leader(String code, GridScope scope) {
    GridScope.SqlFilter in = scope.filter("g.code");
    return jdbc.queryForList("SELECT u.username FROM grid_node g JOIN app_user u "
        + "ON u.id = g.leader_user_id WHERE g.code = ? AND " + in.condition(), String.class,
        in.argsAfter(code)).stream().findFirst();
  }

  void setLeader(String code, Long userId) {
    jdbc.update("UPDATE grid_node SET leader_user_id = ?, updated_at = CURRENT_TIMESTAMP "
        + "WHERE code = ?", userId, code);
  }

  /** Members' usernames in order, if the node is inside {@code scope}. */
  List<String> members(String code, GridScope scope) {
    GridScope.SqlFilter in = scope.filter("g.code");
    return jdbc.queryForList("SELECT u.username FROM grid_member m JOIN app_user u "
        + "ON u.id = m.user_id JOIN grid_node g ON g.code = m.grid_code WHERE m.grid_code = ? AND "
        + in.condition() + " ORDER BY u.username", String.class, in.argsAfter(code));
  }

  void setMembers(String code, Collection<Long> userIds) {
    jdbc.update("DELETE FROM grid_member WHERE grid_code = ?", code);
    List<Long> ids = List.copyOf(userIds);
    jdbc.batchUpdate("INSERT INTO grid_member (grid_code, user_id) VALUES (?, ?)", ids,
        ids.size(), (ps, id) -> {
          ps.setString(1, code);
          ps.setLong(2, id);
        });
  }

  /** Ids of the users among {@code usernames} that exist. */
  Map<String, Long> userIds(Collection<String> usernames) {
    Map<String, Long> ids = new HashMap<>();
    List<String> names = List.copyOf(new HashSet<>(usernames));
    for (int from = 0; from < names.size(); from += IN_CHUNK) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + IN_CHUNK));
      jdbc.query("SELECT id, username FROM app_user WHERE username IN (" + marks(chunk.size())
          + ")", (ResultSet rs) -> {
            ids.put(rs.getString("username"), rs.getLong("id"));
          }, chunk.toArray());
    }
    return ids;
  }

  private int count(String sql, Object... args) {
    Integer n = jdbc.queryForObject(sql, Integer.class, args);
    return n == null ? 0 : n;
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
