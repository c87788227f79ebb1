package org.gridguard.hub.grid;

import org.gridguard.hub.value.GridCode;
import org.gridguard.hub.value.GridCode.Level;

/**
 * A page of the grid list, filtered.
 *
 * @param parent only direct children of this node, or null
 * @param level only nodes of this level, or null
 * @param q only nodes whose name or code contains this text (case-insensitive), or null
 */
record GridQuery(String parent, Level level, String q, int page, int size) {
  static final int MAX_SIZE = 500;
  static final int MAX_Q_LENGTH = 64;

  GridQuery {
    if (parent != null && !GridCode.isValid(parent)) {
      throw new IllegalArgumentException("parent '" + parent + "': " + GridCode.rule());
    }
    if (q != null && q.length() > MAX_Q_LENGTH) {
      throw new IllegalArgumentException("q: at most " + MAX_Q_LENGTH + " characters");
    }
    if (page < 0 || page > 1_000_000) {
      throw new IllegalArgumentException("page must be 0..1000000, found " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", found " + size);
    }
    q = q == null || q.isBlank() ? null : q.strip();
  }
}
