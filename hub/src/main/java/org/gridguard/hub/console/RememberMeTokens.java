package org.gridguard.hub.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code console_remember_me} rows (V13): one per signed-in phone, the token only hashed. */
@Repository
class RememberMeTokens {
  record Row(String series, long userId, String tokenHash, Instant createdAt, Instant lastUsed) {}

  private final JdbcTemplate jdbc;

  RememberMeTokens(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String series, long userId, String tokenHash, Instant now, String userAgent) {
    jdbc.update("INSERT INTO console_remember_me (series, user_id, token_hash, created_at, "
        + "last_used, user_agent) VALUES (?, ?, ?, ?, ?, ?)", series, userId, tokenHash,
        Timestamp.from(now), Timestamp.from(now), userAgent);
  }

  Optional<Row> find(String series) {
    return jdbc.query("SELECT series, user_id, token_hash, created_at, last_used FROM "
        + "console_remember_me WHERE series = ?", (rs, i) -> new Row(rs.getString(1),
            rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
            rs.getTimestamp(5).toInstant()), series).stream().findFirst();
  }

  /**
   * Replaces the token of {@code series} if it still is {@code expectedHash} (two requests of one
   * phone racing with the same cookie: only one rotates).
   */
  boolean rotate(String series, String expectedHash, String newHash, Instant now) {
    return jdbc.update("UPDATE console_remember_me SET token_hash = ?, last_used = ? WHERE "
        + "series = ? AND token_hash = ?", newHash, Timestamp.from(now), series,
        expectedHash) == 1;
  }

  void delete(String series) {
    jdbc.update("DELETE FROM console_remember_me WHERE series = ?", series);
  }

  int deleteAll(long userId) {
    return jdbc.update("DELETE FROM console_remember_me WHERE user_id = ?", userId);
  }

  /** Keeps the user's newest {@code keep} rows, deletes the rest; returns how many went. */
  int keepNewest(long userId, int keep) {
    List<String> old = jdbc.queryForList("SELECT series FROM console_remember_me WHERE user_id = ? "
        + "ORDER BY last_used DESC, series OFFSET ? ROWS", String.class, userId, keep);
    old.forEach(this::delete);
    return old.size();
  }

  int deleteUnusedSince(Instant before) {
    return jdbc.update("DELETE FROM console_remember_me WHERE last_used < ?",
        Timestamp.from(before));
  }

  int count(long userId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM console_remember_me WHERE user_id = ?",
        Integer.class, userId);
    return n == null ? 0 : n;
  }
}
