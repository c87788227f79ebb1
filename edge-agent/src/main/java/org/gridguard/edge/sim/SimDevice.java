package org.gridguard.edge.sim;

import java.util.Objects;
import org.gridguard.protocol.Ids;

/**
 * One simulated device. {@code doors} and {@code swipesPerHour} matter for access controllers
 * (swipes per hour at the busiest hour of the rhythm), {@code baseLevelMm} and
 * {@code peakLevelMm} for water gauges; the other kinds ignore them.
 */
record SimDevice(String id, DeviceKind kind, String village, int doors, double swipesPerHour,
    int baseLevelMm, int peakLevelMm) {
  SimDevice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(village, "village");
    String problem = id == null || id.isEmpty() ? "is missing" : Ids.deviceIdProblem(id);
    if (problem != null) {
      throw new IllegalArgumentException("device id '" + id + "' " + problem);
    }
    if (doors < 1 || doors > 64) {
      throw new IllegalArgumentException("doors of " + id + " must be 1..64, was " + doors);
    }
    if (swipesPerHour < 0 || swipesPerHour > 36_000) {
      throw new IllegalArgumentException("swipes_per_hour of " + id + " must be 0..36000, was "
          + swipesPerHour);
    }
    if (baseLevelMm < 0 || peakLevelMm <= baseLevelMm) {
      throw new IllegalArgumentException("water levels of " + id + " need 0 <= level_mm < peak_mm, were "
          + baseLevelMm + " and " + peakLevelMm);
    }
  }
}
