package org.gridguard.hub.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvictBrokenConnectionsTest {
  private final List<SQLException> reported = new ArrayList<>();
  private final EvictBrokenConnections override = new EvictBrokenConnections(reported::add);

  @Test
  void adjudicate_h2DatabaseClosedAfterStorePanic_evictedAndReported() {
    SQLException closed = new SQLException("The database has been closed [90098-232]", "90098",
        90098);
    assertThat(override.adjudicate(closed)).isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
    assertThat(reported).containsExactly(closed);
  }

  @Test
  void adjudicate_postgresDiskFullOrShutdownOrConnectionLost_evicted() {
    for (String state : List.of("53100", "57P01", "08006")) {
      assertThat(override.adjudicate(new SQLException("x", state)))
          .as(state).isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
    }
    assertThat(override.adjudicate(new SQLNonTransientConnectionException("gone")))
        .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
  }

  @Test
  void adjudicate_duplicateKeyOrSyntaxError_leftToThePool() {
    assertThat(override.adjudicate(new SQLException("dup", "23505")))
        .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    assertThat(override.adjudicate(new SQLException("syntax", "42601")))
        .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    assertThat(reported).isEmpty();
  }
}
