package org.gridguard.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigSyncStateTest {
  @Test
  void of_edgeRunsDesired_inSyncEvenOffline() {
    assertThat(ConfigSyncState.of(3, 3, 3L, true, null, false)).isEqualTo(ConfigSyncState.IN_SYNC);
  }

  @Test
  void of_edgeRefusedDesired_failedEvenOffline() {
    assertThat(ConfigSyncState.of(3, 2, 3L, false, null, false)).isEqualTo(ConfigSyncState.FAILED);
  }

  @Test
  void of_refusalOfAnOlderVersion_pendingForTheNewOne() {
    assertThat(ConfigSyncState.of(4, 2, 3L, false, null, true)).isEqualTo(ConfigSyncState.PENDING);
  }

  @Test
  void of_desiredUnanswered_failed() {
    assertThat(ConfigSyncState.of(3, 2, 2L, true, 3L, true)).isEqualTo(ConfigSyncState.FAILED);
    assertThat(ConfigSyncState.of(4, 2, 2L, true, 3L, true)).isEqualTo(ConfigSyncState.PENDING);
  }

  @Test
  void of_behindAndNotConnected_offline() {
    assertThat(ConfigSyncState.of(3, 2, 2L, true, null, false)).isEqualTo(ConfigSyncState.OFFLINE);
    assertThat(ConfigSyncState.of(0, 0, null, null, null, false))
        .isEqualTo(ConfigSyncState.OFFLINE);
  }

  @Test
  void of_behindAndConnected_pending() {
    assertThat(ConfigSyncState.of(3, 0, null, null, null, true)).isEqualTo(ConfigSyncState.PENDING);
  }

  @Test
  void wire_lowerCase() {
    assertThat(ConfigSyncState.IN_SYNC.wire()).isEqualTo("in_sync");
  }
}
