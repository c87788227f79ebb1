package org.gridguard.hub.patrol;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the outbox ({@link FeedLog} writes it): rows after a sequence, users' heads; retention. */
@Repository
class FeedReader {
  private final JdbcTemplate jdbc;

  FeedReader(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Rows of {@code username} after {@code after}, in order, at most {@code limit}. Never a row
   * with a provisional (negative) sequence ({@link FeedLog}).
   */
  List<FeedRow> after(String username, long after, int limit) {
    return jdbc.query("SELECT username, seq, at, kind, task_id, incident_id, payload "
        + "FROM patrol_feed WHERE username = ? AND seq > ? ORDER BY seq LIMIT ?",
        (rs, i) -> new FeedRow(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
            FeedRow.Kind.valueOf(rs.getString(4)), (Long) rs.getObject(5, Long.class),
            (Long) rs.getObject(6, Long.class), rs.getString(7)), username, Math.max(0, after),
        limit);
  }

  /** The user's last sequence, 0 if none yet. */
  long head(String username) {
    List<Long> seq = jdbc.queryForList("SELECT seq FROM patrol_feed_head WHERE username = ?",
        Long.class, username);
    return seq.isEmpty() ? 0 : seq.get(0);
  }

  /** Heads of these users (absent: none yet). */
  Map<String, Long> heads(Collection<String> usernames) {
    Map<String, Long> out = new HashMap<>();
    List<String> all = List.copyOf(usernames);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> part = all.subList(from, Math.min(all.size(), from + 500));
      String marks = String.join(",", Collections.nCopies(part.size(), "?"));
      jdbc.query("SELECT username, seq FROM patrol_feed_head WHERE username IN (" + marks + ")",
          rs -> {
            out.put(rs.getString(1), rs.getLong(2));
          }, part.toArray());
    }
    return out;
  }

  /** Deletes rows older than {@code before} (heads stay, so sequences keep increasing). */
  int purge(Instant before) {
    return jdbc.update("DELETE FROM patrol_feed WHERE at < ?", Timestamp.from(before));
  }
}
