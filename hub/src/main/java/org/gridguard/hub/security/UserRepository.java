package org.gridguard.hub.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Users, their roles and grid scope. Uniqueness of usernames is the database's constraint. */
@Repository
public class UserRepository {
  /** Most ids or names in one {@code IN (…)} list. */
  private static final int IN_CHUNK = 500;

  private final JdbcTemplate jdbc;

  UserRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<UserAccount> findByUsername(String username) {
    return first(complete(jdbc.query("SELECT * FROM app_user WHERE username = ?", UserRepository::row,
        username)));
  }

  /**
   * The users of these names that exist, in three queries whatever their number (the dispatch
   * of a task to a grid's on-duty members asks for all of them at once).
   */
  public Map<String, UserAccount> findByUsernames(Collection<String> usernames) {
    List<String> names = List.copyOf(new java.util.LinkedHashSet<>(usernames));
    List<Row> rows = new ArrayList<>();
    for (int from = 0; from < names.size(); from += IN_CHUNK) {
      List<String> part = names.subList(from, Math.min(names.size(), from + IN_CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
      rows.addAll(jdbc.query("SELECT * FROM app_user WHERE username IN (" + marks + ")",
          UserRepository::row, part.toArray()));
    }
    Map<String, UserAccount> out = new HashMap<>();
    complete(rows).forEach(u -> out.put(u.username(), u));
    return out;
  }

  public Optional<UserAccount> findById(long id) {
    return first(complete(jdbc.query("SELECT * FROM app_user WHERE id = ?", UserRepository::row,
        id)));
  }

  /** Whether user {@code id} exists and is enabled (one primary-key lookup). */
  public boolean isEnabled(long id) {
    return jdbc.queryForList("SELECT enabled FROM app_user WHERE id = ?", Boolean.class, id)
        .stream().findFirst().orElse(false);
  }

  public long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Long.class);
  }

  /**
   * Users an administrator with {@code scope} may manage: those whose whole scope lies inside
   * it (a global admin sees everyone). Newest id first, {@code limit} after id {@code before}.
   */
  public List<UserAccount> list(GridScope scope, long before, int limit) {
    List<Object> args = new ArrayList<>();
    String where = "u.id < ?";
    args.add(before);
    if (!scope.global()) {
      GridScope.SqlFilter inside = scope.filter("s.grid_code");
      where += " AND u.global_scope = FALSE AND NOT EXISTS (SELECT 1 FROM app_user_scope s "
          + "WHERE s.user_id = u.id AND NOT " + inside.condition() + ")";
      args.addAll(inside.args());
    }
    args.add(limit);
    return complete(jdbc.query("SELECT u.* FROM app_user u WHERE " + where
        + " ORDER BY u.id DESC LIMIT ?", UserRepository::row, args.toArray()));
  }

  /** Inserts a user with roles and scope; returns its id. */
  public long insert(String username, String displayName, String passwordHash,
      boolean passwordChangeRequired, GridScope scope, Set<Role> roles) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(c -> {
      var ps = c.prepareStatement("INSERT INTO app_user (username, display_name, password_hash, "
          + "password_change_required, global_scope) VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
      ps.setString(1, username);
      ps.setString(2, displayName);
      ps.setString(3, passwordHash);
      ps.setBoolean(4, passwordChangeRequired);
      ps.setBoolean(5, scope.global());
      return ps;
    }, key);
    long id = key.getKey().longValue();
    setRoles(id, roles);
    setScope(id, scope);
    return id;
  }

  public void setRoles(long id, Set<Role> roles) {
    jdbc.update("DELETE FROM app_user_role WHERE user_id = ?", id);
    for (Role role : roles) {
      jdbc.update("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)", id, role.name());
    }
    touch(id);
  }

  public void setScope(long id, GridScope scope) {
    jdbc.update("DELETE FROM app_user_scope WHERE user_id = ?", id);
    for (String node : scope.nodes()) {
      jdbc.update("INSERT INTO app_user_scope (user_id, grid_code) VALUES (?, ?)", id, node);
    }
    jdbc.update("UPDATE app_user SET global_scope = ? WHERE id = ?", scope.global(), id);
    touch(id);
  }

  public void setPassword(long id, String passwordHash, boolean changeRequired) {
    jdbc.update("UPDATE app_user SET password_hash = ?, password_change_required = ?, "
        + "updated_at = CURRENT_TIMESTAMP WHERE id = ?", passwordHash, changeRequired, id);
  }

  public void setEnabled(long id, boolean enabled) {
    jdbc.update("UPDATE app_user SET enabled = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?",
        enabled, id);
  }

  private void touch(long id) {
    jdbc.update("UPDATE app_user SET updated_at = CURRENT_TIMESTAMP WHERE id = ?", id);
  }

  /** An {@code app_user} row before its roles and scope are read. */
  private record Row(long id, String username, String displayName, String passwordHash,
      boolean enabled, boolean passwordChangeRequired, boolean global) {}

  private static Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
        rs.getString("password_hash"), rs.getBoolean("enabled"),
        rs.getBoolean("password_change_required"), rs.getBoolean("global_scope"));
  }

  /**
   * Reads roles and scope of users already read — after their query has returned its
   * connection: a query inside a row mapper would take a second pooled connection while holding
   * the first, and enough concurrent requests (1,000 phones reconnecting) then hold every
   * connection of the pool while each waits for one more — a pool-starvation deadlock.
   */
  private List<UserAccount> complete(List<Row> rows) {
    List<Long> ids = rows.stream().map(Row::id).toList();
    Map<Long, Set<Role>> roles = new HashMap<>();
    Map<Long, Set<String>> scopes = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<Long> part = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
      jdbc.query("SELECT user_id, role FROM app_user_role WHERE user_id IN (" + marks + ")",
          rs -> {
            roles.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Role.class))
                .add(Role.valueOf(rs.getString(2)));
          }, part.toArray());
      jdbc.query("SELECT user_id, grid_code FROM app_user_scope WHERE user_id IN (" + marks
          + ")", rs -> {
            scopes.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
          }, part.toArray());
    }
    List<UserAccount> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Set<Role> rs = roles.getOrDefault(r.id(), EnumSet.noneOf(Role.class));
      out.add(new UserAccount(r.id(), r.username(), r.displayName(), r.passwordHash(),
          r.enabled(), r.passwordChangeRequired(),
          r.global() ? GridScope.all() : GridScope.of(scopes.getOrDefault(r.id(), Set.of())),
          rs));
    }
    return out;
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.stream().findFirst();
  }

  /** Usernames → ids of those that exist (for grid membership and the like). */
  public Map<String, Long> idsOf(Set<String> usernames) {
    Map<String, Long> ids = new HashMap<>();
    for (String name : usernames) {
      jdbc.query("SELECT id FROM app_user WHERE username = ?", rs -> {
        ids.put(name, rs.getLong(1));
      }, name);
    }
    return ids;
  }
}
