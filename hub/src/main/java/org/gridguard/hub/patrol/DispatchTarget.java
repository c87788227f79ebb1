package org.gridguard.hub.patrol;

import java.util.function.Supplier;

/**
 * The member a patrol-side dispatch names, handed from {@link DispatchService} to
 * {@link PatrolIncidentListener} across the incident workflow's call on the same thread and in
 * the same transaction (the workflow's DISPATCH carries no patrol data of its own).
 */
final class DispatchTarget {
  private static final ThreadLocal<String> NAMED = new ThreadLocal<>();

  private DispatchTarget() {}

  static <T> T with(String username, Supplier<T> work) {
    String before = NAMED.get();
    NAMED.set(username);
    try {
      return work.get();
    } finally {
      if (before == null) {
        NAMED.remove();
      } else {
        NAMED.set(before);
      }
    }
  }

  /** The member named for the dispatch running on this thread, or null: the on-duty members. */
  static String current() {
    return NAMED.get();
  }
}
