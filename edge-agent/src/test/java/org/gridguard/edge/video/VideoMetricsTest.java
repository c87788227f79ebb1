package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.video.CamerasConfig;
import org.junit.jupiter.api.Test;

/** The metrics the README lists for video appear in the agent's registry (and its log line). */
class VideoMetricsTest {
  @Test
  void metrics_freshAnalysis_evidenceLatencyAndOpenAlarmsListed() {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig config = CamerasConfig.from(ConfigNode.root(Map.of("cameras",
        List.of(Map.of("id", "gate", "url", "rtsp://10.0.0.2/s1"))), problems));
    problems.throwIfAny("test");
    Metrics metrics = new Metrics();
    try (VideoAnalysis video = new VideoAnalysis(config, new RecordingSpool(), "boot", null,
        metrics)) {

      assertThat(metrics.snapshot()).containsKeys("video.evidence.written",
          "video.evidence.dropped", "video.evidence.failed", "video.evidence.queued",
          "video.evidence.bytes", "video.zone_motion_latency.p95_ms", "video.open_alarms",
          "video.ffmpeg_log.suppressed", "video.zone_motion_latency",
          "video.camera.frames_decoded[camera=gate]");
      assertThat(metrics.gaugeValue("video.zone_motion_latency.p95_ms")).isEqualTo(-1);
      assertThat(metrics.gaugeValue("video.open_alarms")).isZero();
    }
  }
}
