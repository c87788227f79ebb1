package org.gridguard.hub.incident;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The configurable tables of the workflow: categories and time limits. */
@Repository
class CatalogRepository {
  private static final RowMapper<Category> CATEGORY = (rs, i) -> new Category(rs.getString("code"),
      rs.getString("name_zh"), rs.getString("name_en"), rs.getInt("default_priority"),
      rs.getBoolean("life_safety"));
  private static final RowMapper<TimeLimit> LIMIT = (rs, i) -> new TimeLimit(
      rs.getString("category"), rs.getInt("priority"), Step.valueOf(rs.getString("step")),
      LimitKind.valueOf(rs.getString("kind")), rs.getDouble("amount"));

  private final JdbcTemplate jdbc;
  private final TransactionMemo<String, Optional<Category>> categoryMemo = new TransactionMemo<>();
  private final TransactionMemo<String, Optional<TimeLimit>> limitMemo = new TransactionMemo<>();

  CatalogRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The category of {@code code} (read once per transaction). */
  Optional<Category> category(String code) {
    return categoryMemo.get(code, c -> jdbc.query("SELECT * FROM incident_category WHERE "
        + "code = ?", CATEGORY, c).stream().findFirst());
  }

  List<Category> categories() {
    return jdbc.query("SELECT * FROM incident_category ORDER BY code", CATEGORY);
  }

  /** Inserts the category unless its code exists; returns whether it was inserted. */
  boolean insertIfMissing(Category c) {
    categoryMemo.forget();
    try {
      return jdbc.update("INSERT INTO incident_category (code, name_zh, name_en, default_priority, "
          + "life_safety) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM incident_category "
          + "WHERE code = ?)", c.code(), c.nameZh(), c.nameEn(), c.defaultPriority(),
          c.lifeSafety(), c.code()) == 1;
    } catch (DuplicateKeyException e) {
      return false; // another instance inserted it at the same moment
    }
  }

  /** The limit for the step: the category's own row, else the {@code *} row of the priority. */
  /** The limit of a step (read once per transaction and key). */
  Optional<TimeLimit> limit(String category, int priority, Step step) {
    return limitMemo.get(category + "|" + priority + "|" + step, k -> jdbc.query("SELECT * FROM "
        + "incident_time_limit WHERE category IN (?, '*') AND priority = ? AND step = ? ORDER BY "
        + "CASE WHEN category = '*' THEN 1 ELSE 0 END", LIMIT, category, priority, step.name())
        .stream().findFirst());
  }

  List<TimeLimit> limits() {
    return jdbc.query("SELECT * FROM incident_time_limit ORDER BY category, priority, step", LIMIT);
  }

  boolean insertIfMissing(TimeLimit l) {
    limitMemo.forget();
    try {
      return jdbc.update("INSERT INTO incident_time_limit (category, priority, step, kind, amount) "
          + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM incident_time_limit WHERE "
          + "category = ? AND priority = ? AND step = ?)", l.category(), l.priority(),
          l.step().name(), l.kind().name(), l.amount(), l.category(), l.priority(),
          l.step().name()) == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Sets (inserts or replaces) a limit. */
  void put(TimeLimit l) {
    limitMemo.forget();
    int n = jdbc.update("UPDATE incident_time_limit SET kind = ?, amount = ? WHERE category = ? "
        + "AND priority = ? AND step = ?", l.kind().name(), l.amount(), l.category(), l.priority(),
        l.step().name());
    if (n == 0) {
      jdbc.update("INSERT INTO incident_time_limit (category, priority, step, kind, amount) "
          + "VALUES (?, ?, ?, ?, ?)", l.category(), l.priority(), l.step().name(), l.kind().name(),
          l.amount());
    }
  }
}
