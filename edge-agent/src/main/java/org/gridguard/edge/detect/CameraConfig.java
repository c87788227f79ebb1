package org.gridguard.edge.detect;

import java.util.List;
import org.gridguard.edge.source.camera.CameraStream;

/**
 * One camera as the detectors see it: the stream its frames come from (owned by the source)
 * and what to detect in them — thresholds, zones, evidence.
 *
 * @param snapshots take a full-resolution snapshot as evidence of each alarm (not video loss)
 * @param clip optional short evidence clip around each alarm
 * @param timeZone the zone schedules are read in
 */
public record CameraConfig(CameraStream stream, boolean snapshots, ClipConfig clip,
    DetectConfig detect, List<ZoneConfig> zones, String timeZone) {
  public CameraConfig {
    if (stream == null || clip == null || detect == null || timeZone == null) {
      throw new IllegalArgumentException("camera needs a stream, clip, detect and time zone");
    }
    zones = List.copyOf(zones);
  }

  /** The camera's device id at the hub. */
  public String id() {
    return stream.id();
  }

  @Override
  public String toString() {
    return "CameraConfig[" + stream + ", zones=" + zones.size() + "]";
  }
}
