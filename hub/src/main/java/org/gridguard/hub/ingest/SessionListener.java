package org.gridguard.hub.ingest;

import org.gridguard.protocol.v1.CommandResult;

/**
 * What features beyond storage learn of this instance's sessions. Implemented by those
 * features (ingest depends on none of them) and called <b>on a Netty event loop</b>: an
 * implementation must return at once and hand any database work to its own bounded executor.
 */
public interface SessionListener {
  /** The session is open and its HelloAck written. */
  default void opened(EdgeSession session) {}

  /** The session's connection is closed. */
  default void closed(EdgeSession session) {}

  /** The edge answered a Command or ConfigPush (PROTOCOL.md §10). */
  default void commandResult(EdgeSession session, CommandResult result) {}
}
