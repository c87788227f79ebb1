package org.gridguard.hub.health;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The database's health as its writes see it ({@code db} in {@code /actuator/health}): DOWN from
 * a failed write (the {@link DatabaseWriteProbe}'s, or any statement the pool saw fail because
 * the database or its connection broke, {@link EvictBrokenConnections}) until a write succeeds
 * again. A database that still answers {@code SELECT 1} but cannot write (a full disk) is DOWN.
 * Never blocks: it reports what the writes found.
 */
public final class DatabaseWriteHealth implements HealthIndicator {
  private final Clock clock;
  private volatile Instant lastSuccess;
  private volatile Instant lastFailure;
  private volatile Instant failingSince;
  private volatile String error;
  private volatile String database;
  private volatile boolean lastFailed;

  public DatabaseWriteHealth(Clock clock) {
    this.clock = clock;
  }

  /** A write committed (and, for H2, reached the disk). */
  public void succeeded() {
    lastSuccess = clock.instant();
    failingSince = null;
    lastFailed = false;
  }

  /** A write, or the connection it needed, failed. */
  public void failed(Throwable cause) {
    Instant now = clock.instant();
    if (failingSince == null) {
      failingSince = now;
    }
    lastFailure = now;
    error = describe(cause);
    lastFailed = true;
  }

  /** Names the database in the details (product and version), once known. */
  void database(String name) {
    this.database = name;
  }

  /** Whether the last write outcome was a failure. */
  public boolean failing() {
    return lastFailed;
  }

  @Override
  public Health health() {
    Instant success = lastSuccess;
    Instant failure = lastFailure;
    Health.Builder health;
    if (failing()) {
      health = Health.down().withDetail("writes", "failing")
          .withDetail("failingSince", String.valueOf(failingSince))
          .withDetail("error", String.valueOf(error));
    } else if (success == null) {
      health = Health.unknown().withDetail("writes", "not probed yet");
    } else {
      health = Health.up().withDetail("writes", "ok");
    }
    if (database != null) {
      health.withDetail("database", database);
    }
    if (success != null) {
      health.withDetail("lastWriteSuccess", success.toString());
    }
    if (failure != null) {
      health.withDetail("lastWriteFailure", failure.toString());
    }
    return health.build();
  }

  /** The innermost cause's message: what actually went wrong (e.g. "No space left on device"). */
  static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    String text = root == cause ? top : top + " (cause: " + root.getClass().getSimpleName() + ": "
        + root.getMessage() + ")";
    return text.length() > 600 ? text.substring(0, 599) + "…" : text;
  }
}
