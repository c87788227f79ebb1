package org.gridguard.hub.telemetry;

import java.util.List;

/**
 * Our one narrow interface to a telemetry store speaking line protocol. Implementations are
 * blocking and thread-safe; the {@link TelemetryPipeline} calls them from its writer threads.
 */
public interface TelemetryWriter {
  /** Prepares the store (e.g. creates the database); may throw when it is unreachable. */
  void prepare() throws Exception;

  /**
   * Writes lines of line protocol (millisecond timestamps), each without a trailing newline.
   * Never throws for server or network failures: they are outcomes.
   */
  WriteOutcome write(List<String> chunks);

  /** Whether the server answers its health/ping endpoint now; {@code null} when it does. */
  String ping();

  /** Cuts short requests in flight (the hub is stopping); they end as failed outcomes. */
  default void abort() {}

  /** Which API this is, for logs and health ("v1 /write 1.6.7"). */
  String describe();
}
