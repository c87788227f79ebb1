package org.gridguard.edge.managed;

import java.util.List;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.video.CamerasConfig;

/**
 * The part of a judged agent configuration a push can change while the agent runs: the
 * cameras and the rules.
 *
 * @param video {@code null} when the configuration has no {@code video} section
 */
public record ManagedConfig(CamerasConfig video, RulesConfig rules) {
  public ManagedConfig {
    if (rules == null) {
      throw new IllegalArgumentException("a managed configuration needs its rules");
    }
  }

  public List<CameraConfig> cameras() {
    return video == null ? List.of() : video.cameras();
  }
}
