package org.gridguard.hub.health;

import java.util.Locale;

/**
 * H2 acknowledges a commit before its store has written it: by default it writes committed
 * changes up to 500 ms later ({@code WRITE_DELAY}). The hub acknowledges alarms once committed
 * (PROTOCOL.md §5), so with the default an ENOSPC (or a crash) in that window loses alarms the
 * edge has already deleted, and the failure shows only on a later statement. {@code
 * WRITE_DELAY=0} makes each commit write its changes before it returns, so a full disk fails the
 * commit itself and nothing is acknowledged. Added to an embedded H2 file URL that does not set
 * it; other URLs are left alone.
 */
final class DurableH2Commits {
  static final String SETTING = "WRITE_DELAY=0";

  private DurableH2Commits() {}

  /** {@code url} with {@code ;WRITE_DELAY=0} when it is an embedded H2 file URL without one. */
  static String url(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:")
        || lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:")
        || lower.contains("write_delay")) {
      return url;
    }
    return url + ";" + SETTING;
  }
}
