package org.gridguard.edge.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridguard.edge.source.camera.GrayFrame;
import org.junit.jupiter.api.Test;

class FrameRingTest {
  private static GrayFrame at(long t) {
    return new GrayFrame(2, 2, new byte[4], t);
  }

  @Test
  void since_moreFramesThanCapacity_keepsNewestOldestFirst() {
    FrameRing ring = new FrameRing(3);
    for (long t = 1; t <= 5; t++) {
      ring.add(at(t * 100));
    }
    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.since(0)).extracting(GrayFrame::timeMs).containsExactly(300L, 400L, 500L);
    assertThat(ring.since(400)).extracting(GrayFrame::timeMs).containsExactly(400L, 500L);
  }

  @Test
  void since_empty_isEmpty() {
    assertThat(new FrameRing(2).since(0)).isEmpty();
  }
}
