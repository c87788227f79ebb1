package org.gridguard.edge.video;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.video.CamerasConfig;

/** Runs the real camera pipeline over clips (files, stream timing) into a recording spool. */
final class VideoRun {
  /** Frame times are this instant + stream time, so schedules and offsets are predictable. */
  static final long BASE_MS = Instant.parse("2026-01-10T12:00:00Z").toEpochMilli();

  private VideoRun() {
  }

  static Map<String, Object> fileCamera(String id, Path clip) {
    Map<String, Object> cam = new LinkedHashMap<>();
    cam.put("id", id);
    cam.put("url", clip.toString());
    cam.put("timing", "stream");
    cam.put("time_zone", "UTC");
    return cam;
  }

  static CamerasConfig config(List<Map<String, Object>> cameras) {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig config = CamerasConfig.from(ConfigNode.root(
        Map.of("cameras", new ArrayList<>(cameras)), problems));
    problems.throwIfAny("test config");
    return config;
  }

  static RecordingSpool analyse(List<Map<String, Object>> cameras, long timeoutMs)
      throws InterruptedException {
    RecordingSpool spool = new RecordingSpool();
    try (VideoAnalysis video = new VideoAnalysis(config(cameras), spool, "boot-1",
        () -> BASE_MS)) {
      video.start();
      org.awaitility.Awaitility.await("the analysis to finish")
          .atMost(java.time.Duration.ofMillis(timeoutMs))
          .pollInterval(java.time.Duration.ofMillis(50)).until(video::allEnded);
    }
    return spool;
  }

  /** Seconds of stream time at which the record was captured. */
  static double at(long captureMs) {
    return (captureMs - BASE_MS) / 1000.0;
  }
}
