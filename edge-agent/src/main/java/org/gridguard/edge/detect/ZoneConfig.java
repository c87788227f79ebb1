package org.gridguard.edge.detect;

import java.time.Duration;
import java.util.List;
import org.gridguard.edge.source.camera.Polygon;

/**
 * A motion zone: where motion counts ({@code polygon}), parts of it to ignore ({@code masks},
 * e.g. a swaying tree), when it is armed, and how much changed area for how long makes motion.
 *
 * @param minArea fraction of the zone's unmasked area that must change (0–1)
 * @param minDuration how long the change must last before the alarm begins
 * @param hold how long without motion before the alarm ends
 */
public record ZoneConfig(String name, Polygon polygon, List<Polygon> masks, Schedule schedule,
    double minArea, Duration minDuration, Duration hold) {
  public ZoneConfig {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("zone name must not be empty");
    }
    if (!(minArea > 0 && minArea <= 1)) {
      throw new IllegalArgumentException("zone min_area must be within (0, 1]");
    }
    masks = List.copyOf(masks);
  }
}
