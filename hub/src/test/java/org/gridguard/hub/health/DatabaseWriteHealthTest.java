package org.gridguard.hub.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class DatabaseWriteHealthTest {
  private final DatabaseWriteHealth health = new DatabaseWriteHealth(
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void health_notProbedYet_unknown() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void health_writeFailedAfterSuccess_downWithTheRootCause() {
    health.succeeded();
    health.failed(new RuntimeException("could not commit",
        new IOException("No space left on device")));
    var h = health.health();
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails().get("error").toString()).contains("No space left on device");
    assertThat(h.getDetails()).containsEntry("writes", "failing");
  }

  @Test
  void health_writeSucceedsAgain_up() {
    health.failed(new RuntimeException("x"));
    health.succeeded();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.failing()).isFalse();
  }
}
