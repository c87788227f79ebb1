package org.gridguard.hub.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurableH2CommitsTest {
  @Test
  void url_embeddedH2File_writeDelayZeroAdded() {
    assertThat(DurableH2Commits.url("jdbc:h2:file:./var/hub-db;AUTO_SERVER=FALSE"))
        .isEqualTo("jdbc:h2:file:./var/hub-db;AUTO_SERVER=FALSE;WRITE_DELAY=0");
  }

  @Test
  void url_writeDelayAlreadySet_memoryRemoteOrPostgres_unchanged() {
    for (String url : new String[] {"jdbc:h2:file:/x;write_delay=100", "jdbc:h2:mem:test",
        "jdbc:h2:tcp://db/x", "jdbc:postgresql://127.0.0.1/gridguard"}) {
      assertThat(DurableH2Commits.url(url)).isEqualTo(url);
    }
  }
}
