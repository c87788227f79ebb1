package org.gridguard.hub.schedule;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention tasks' one way of deleting old rows: select up to a chunk of ids
 * ({@code … ORDER BY id LIMIT ?}), delete them (and what depends on them) in one short
 * transaction, repeat until none is left or the per-run cap is reached — no
 * {@code DELETE … LIMIT}, so H2 and PostgreSQL alike, and no long locks. A run that reached a cap
 * has the next one due within {@link #CATCH_UP}.
 */
public final class ChunkedPurge {
  /** How soon a run that reached its cap is followed by the next. */
  public static final Duration CATCH_UP = Duration.ofMinutes(1);

  /** What one run deleted per table, and whether a cap stopped it before the end. */
  public record Purged(Map<String, Integer> deleted, boolean more) {
    public Purged {
      deleted = Collections.unmodifiableMap(new TreeMap<>(deleted));
    }

    public int of(String table) {
      return deleted.getOrDefault(table, 0);
    }
  }

  /** Deletes the rows of one chunk of ids; returns the rows deleted per table. */
  public interface ChunkDelete {
    Map<String, Integer> delete(List<Long> ids);
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final int chunk;
  private final int maxPerRun;

  public ChunkedPurge(JdbcTemplate jdbc, PlatformTransactionManager transactions, int chunk,
      int maxPerRun) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.chunk = chunk;
    this.maxPerRun = maxPerRun;
  }

  /**
   * Selects ids with {@code select} ({@code args}, then the chunk size as its last parameter) and
   * hands each chunk to {@code work} in a transaction, adding what it deleted to {@code deleted}.
   *
   * @return whether the cap stopped it with rows left
   */
  public boolean run(String select, Object[] args, ChunkDelete work,
      Map<String, Integer> deleted) {
    int done = 0;
    while (done < maxPerRun) {
      int want = Math.min(chunk, maxPerRun - done);
      Object[] withLimit = Arrays.copyOf(args, args.length + 1);
      withLimit[args.length] = want;
      List<Long> ids = jdbc.queryForList(select, Long.class, withLimit);
      if (ids.isEmpty()) {
        return false;
      }
      Map<String, Integer> n = tx.execute(status -> work.delete(ids));
      n.forEach((k, v) -> deleted.merge(k, v, Integer::sum));
      done += ids.size();
      if (ids.size() < want) {
        return false;
      }
    }
    return true;
  }

  /** {@code DELETE … <sql>(?, ?, …)} over {@code leading} parameters and then the ids. */
  public int deleteIn(String sql, Object[] leading, List<Long> ids) {
    Object[] args = Arrays.copyOf(leading, leading.length + ids.size());
    for (int i = 0; i < ids.size(); i++) {
      args[leading.length + i] = ids.get(i);
    }
    return jdbc.update(sql + marks(ids.size()), args);
  }

  /** {@code (?, ?, …)} with {@code n} marks. */
  public static String marks(int n) {
    return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
  }

  /** When the next run is due after {@code last}. */
  public static Duration next(Purged last, Duration interval) {
    return last.more() && CATCH_UP.compareTo(interval) < 0 ? CATCH_UP : interval;
  }
}
