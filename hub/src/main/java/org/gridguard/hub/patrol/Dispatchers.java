package org.gridguard.hub.patrol;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The enabled DISPATCHER users whose scope covers a grid: who gets a patrol alert. */
@Repository
class Dispatchers {
  /** A bound on alert rows per event; a deployment has a handful of dispatchers per grid. */
  static final int MAX = 200;

  private final JdbcTemplate jdbc;

  Dispatchers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<String> of(String gridCode) {
    return jdbc.queryForList("SELECT u.username FROM app_user u JOIN app_user_role r "
        + "ON r.user_id = u.id AND r.role = 'DISPATCHER' WHERE u.enabled = TRUE "
        + "AND (u.global_scope = TRUE OR EXISTS (SELECT 1 FROM app_user_scope s "
        + "WHERE s.user_id = u.id AND ? LIKE s.grid_code || '%')) ORDER BY u.username LIMIT ?",
        String.class, gridCode, MAX);
  }
}
