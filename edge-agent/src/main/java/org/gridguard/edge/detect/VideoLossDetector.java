package org.gridguard.edge.detect;

import java.util.Map;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Video loss: no frame for {@code video_loss_after} (cannot connect, or the stream stalls).
 * Driven by the watchdog's clock ticks, not by frames. It ends only after frames have flowed
 * steadily for {@code clear_after}, so a watchdog retrying a flaky camera does not make the
 * alarm flap.
 */
final class VideoLossDetector {
  private final long lossAfterMs;
  private final long clearAfterMs;
  private final long flowingWithinMs;
  private boolean active;
  private long flowingSince = -1;
  private long lossSince;

  VideoLossDetector(DetectConfig config) {
    this.lossAfterMs = config.videoLossAfter().toMillis();
    this.clearAfterMs = config.clearAfter().toMillis();
    this.flowingWithinMs = Math.max(1500, lossAfterMs / 2);
  }

  /**
   * @param lastFrameMs wall time of the last frame, or of the camera's start when it never
   *     delivered one
   */
  DetectorEvent tick(long nowMs, long lastFrameMs, String reason) {
    long silent = nowMs - lastFrameMs;
    if (!active) {
      if (silent >= lossAfterMs) {
        active = true;
        flowingSince = -1;
        lossSince = lastFrameMs;
        return new DetectorEvent(AlarmType.VIDEO_LOSS, AlarmPhase.BEGIN, "", lastFrameMs, nowMs,
            "no video for " + silent / 1000 + " s" + (reason == null ? "" : ": " + reason),
            Map.of("silent_s", silent / 1000.0));
      }
      return null;
    }
    if (silent < flowingWithinMs) {
      if (flowingSince < 0) {
        flowingSince = nowMs;
      }
      if (nowMs - flowingSince >= clearAfterMs) {
        active = false;
        return new DetectorEvent(AlarmType.VIDEO_LOSS, AlarmPhase.END, "", lossSince, nowMs,
            "video back", Map.of("lost_s", (nowMs - lossSince) / 1000.0));
      }
    } else {
      flowingSince = -1;
    }
    return null;
  }

  boolean active() {
    return active;
  }
}
