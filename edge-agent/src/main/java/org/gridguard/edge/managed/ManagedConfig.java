package org.gridguard.edge.managed;

import java.util.List;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.video.CamerasConfig;

/**
 * The part of a judged agent configuration that can change while the agent runs: the cameras,
 * the rules and the MQTT mapping.
 *
 * @param video {@code null} when the configuration has no {@code video} section
 * @param mapping {@code null} when the configuration has no {@code mapping} section
 * @param mappingTree the {@code mapping} section as YAML the mapping was judged from (what
 *     tells whether the mapping changed: its parsed rules have no value equality)
 */
public record ManagedConfig(CamerasConfig video, RulesConfig rules, MappingConfig mapping,
    Object mappingTree) {
  public ManagedConfig {
    if (rules == null) {
      throw new IllegalArgumentException("a managed configuration needs its rules");
    }
    if ((mapping == null) != (mappingTree == null)) {
      throw new IllegalArgumentException("a mapping goes with the tree it was judged from");
    }
  }

  /** Without a mapping (a gateway with no MQTT devices). */
  public ManagedConfig(CamerasConfig video, RulesConfig rules) {
    this(video, rules, null, null);
  }

  public List<CameraConfig> cameras() {
    return video == null ? List.of() : video.cameras();
  }

  /** Whether {@code other} maps MQTT messages differently (or has a mapping where this has none). */
  boolean mappingDiffers(ManagedConfig other) {
    return !java.util.Objects.equals(mappingTree, other.mappingTree);
  }
}
