package org.gridguard.edge.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.gridguard.protocol.v1.AlarmPhase;
import org.junit.jupiter.api.Test;

class VideoLossDetectorTest {
  @Test
  void tick_silentThenFlakyThenSteady_oneBeginOneEnd() {
    VideoLossDetector d = new VideoLossDetector(DetectConfig.DEFAULTS); // 5 s loss, 3 s clear
    List<DetectorEvent> events = new ArrayList<>();
    long lastFrame = 0;
    for (long now = 0; now <= 60_000; now += 250) {
      // frames until 10 s; nothing until 30 s; one frame burst at 30 s then silence until
      // 40 s (the watchdog reconnecting to a flaky camera); steady frames from 40 s
      boolean frame = now <= 10_000 || now == 30_000 || now >= 40_000;
      if (frame) {
        lastFrame = now;
      }
      DetectorEvent e = d.tick(now, lastFrame, "connection refused");
      if (e != null) {
        events.add(e);
      }
    }
    assertThat(events).extracting(DetectorEvent::phase)
        .containsExactly(AlarmPhase.BEGIN, AlarmPhase.END);
    assertThat(events.get(0).timeMs()).isEqualTo(15_000);
    assertThat(events.get(0).detail()).contains("connection refused");
    assertThat(events.get(1).timeMs()).isEqualTo(43_000);
  }

  @Test
  void tick_neverConnected_alarmsAfterLossDelay() {
    VideoLossDetector d = new VideoLossDetector(DetectConfig.DEFAULTS);
    assertThat(d.tick(4_750, 0, null)).isNull();
    assertThat(d.tick(5_000, 0, null)).isNotNull();
  }
}
