package org.gridguard.edge.detect;

import java.time.Duration;

/**
 * Thresholds of the video detectors of one camera. Ratios compare a measurement with the
 * camera's learnt baseline; durations are how long a condition must hold before the alarm
 * begins ({@code *After}) or be gone before it ends ({@code clearAfter}).
 */
public record DetectConfig(
    Duration learn,
    Duration clearAfter,
    Duration videoLossAfter,
    Duration frozenAfter,
    Duration coveredAfter,
    double coveredEdgeRatio,
    Duration defocusAfter,
    double defocusRatio,
    Duration sceneChangeAfter,
    double sceneMatchRatio,
    Duration baselineAdapt) {

  public static final DetectConfig DEFAULTS = new DetectConfig(
      Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(5), 0.2, Duration.ofSeconds(10), 0.45,
      Duration.ofSeconds(10), 0.45, Duration.ofMinutes(10));

  public DetectConfig {
    if (videoLossAfter.compareTo(Duration.ofSeconds(10)) > 0) {
      // The issue asks for a video-loss alarm within 10 s.
      throw new IllegalArgumentException("video_loss_after must be at most 10s");
    }
  }
}
