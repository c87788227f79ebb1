package org.gridguard.hub.telemetry;

import java.time.Duration;

/** What InfluxDB said to one write request. */
public sealed interface WriteOutcome {
  /** 2xx: every line is durable. */
  record Written() implements WriteOutcome {}

  /** 400/413/422: some line will never be accepted; {@code reason} is the server's text. */
  record Rejected(int status, String reason) implements WriteOutcome {}

  /** 429/5xx/IO error/misconfiguration: try again later, after {@code retryAfter} if known. */
  record Retry(String reason, Duration retryAfter) implements WriteOutcome {}

  WriteOutcome WRITTEN = new Written();
}
