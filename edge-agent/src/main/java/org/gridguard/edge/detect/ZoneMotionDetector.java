package org.gridguard.edge.detect;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.gridguard.edge.source.camera.Polygon;
import org.gridguard.protocol.v1.AlarmType;

/**
 * Motion in one configured polygon zone (minus its masks), only while its schedule is armed:
 * foreground from the shared {@link MotionField} covering at least {@code min_area} of the
 * zone for {@code min_duration}; ends after {@code hold} without motion.
 */
final class ZoneMotionDetector implements FrameDetector {
  private final ZoneConfig zone;
  private final ZoneId timeZone;
  private final MotionField field;
  private final Debounce debounce;
  private boolean[] mask;
  private int area;

  ZoneMotionDetector(ZoneConfig zone, ZoneId timeZone, MotionField field) {
    this.zone = zone;
    this.timeZone = timeZone;
    this.field = field;
    this.debounce = new Debounce(zone.minDuration().toMillis(), zone.hold().toMillis(), 0);
  }

  ZoneConfig zone() {
    return zone;
  }

  @Override
  public DetectorEvent onFrame(FrameFeatures f, SceneContext scene) {
    int w = f.frame().width();
    int h = f.frame().height();
    if (mask == null || mask.length != w * h) {
      mask = zone.polygon().rasterise(w, h);
      for (Polygon m : zone.masks()) {
        boolean[] cut = m.rasterise(w, h);
        for (int i = 0; i < mask.length; i++) {
          mask[i] &= !cut[i];
        }
      }
      area = 0;
      for (boolean b : mask) {
        area += b ? 1 : 0;
      }
    }
    LocalTime local = LocalTime.ofInstant(Instant.ofEpochMilli(f.timeMs()), timeZone);
    boolean armed = zone.schedule().isActive(local);
    int moving = armed && area > 0 && !field.lighting() && !scene.covered()
        ? field.countIn(mask) : 0;
    double fraction = area == 0 ? 0 : (double) moving / area;
    Debounce.Transition t = debounce.update(fraction >= zone.minArea(), f.timeMs());
    if (t == Debounce.Transition.NONE) {
      return null;
    }
    return DetectorEvent.of(AlarmType.ZONE_MOTION, t, zone.name(), debounce.since() < 0
            ? f.timeMs() : debounce.since(), f.timeMs(),
        t == Debounce.Transition.BEGIN
            ? String.format("motion in zone %s: %.1f%% of the zone", zone.name(), fraction * 100)
            : "no motion in zone " + zone.name() + " for " + zone.hold().toSeconds() + " s",
        Map.of("moving_fraction", fraction));
  }
}
