package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.Lane;
import org.junit.jupiter.api.Test;

class LaneStateTest {
  private final LaneState lane = new LaneState(new StreamKey("gw", "s", Lane.BULK), 10);

  @Test
  void firstNew_sequencesAtOrBelowCommitted_skipped() {
    assertThat(lane.firstNew(new long[] {9, 10, 11, 12})).isEqualTo(2);
    assertThat(lane.firstNew(new long[] {1, 2})).isEqualTo(2);
  }

  @Test
  void drain_laterBatchDurableFirst_waitsForEarlierThenAcksBoth() {
    LaneState.Pending first = lane.received(20, 10, 0, false);
    LaneState.Pending second = lane.received(30, 10, 0, false);
    second.durable = true;
    assertThat(lane.drain(n -> { })).isNull();
    first.durable = true;
    assertThat(lane.drain(n -> { })).isEqualTo(new LaneState.Released(30, 20));
    assertThat(lane.acked()).isEqualTo(30);
    assertThat(lane.inFlight()).isZero();
  }

  @Test
  void received_afterBatch_laterReplayCountsAsReceived() {
    lane.received(20, 10, 0, false);
    assertThat(lane.firstNew(new long[] {15, 20, 21})).isEqualTo(2);
  }
}
