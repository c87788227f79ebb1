package org.gridguard.edge.sim;

import java.util.Locale;

/**
 * The ffmpeg video filter of one synthetic camera. Its timeline {@code t} is rebased on the
 * wall clock ({@code setpts} with {@code RTCTIME}) to seconds since the simulator started, so
 * the schedule holds however often ffmpeg is restarted for a new client: black frames while
 * tampered, a white box moving through the lower half at night (and by day if asked).
 */
final class CameraFilter {
  private CameraFilter() {}

  static String of(SimConfig.Camera camera, SimConfig.Day day, SimClock clock, long startEpochMicros) {
    StringBuilder f = new StringBuilder();
    f.append("setpts='(RTCTIME-").append(startEpochMicros).append(")/(TB*1000000)'");
    String motion = motion(camera, day, clock);
    if (motion != null) {
      f.append(",drawbox=x='mod(t*40,iw-40)':y='ih*0.6':w=40:h='ih*0.22':color=white:t=fill")
          .append(":enable='").append(motion).append("'");
    }
    String tamper = tamper(camera);
    if (tamper != null) {
      f.append(",drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='").append(tamper).append("'");
    }
    return f.toString();
  }

  /** Expression true while the camera is covered, or null for never. */
  static String tamper(SimConfig.Camera c) {
    long first = c.tamperFirst().toSeconds();
    long length = c.tamperDuration().toSeconds();
    if (c.tamperEvery().isZero()) {
      return "between(t,%d,%d)".formatted(first, first + length);
    }
    return "gte(t,%d)*lt(mod(t-%d,%d),%d)".formatted(first, first, c.tamperEvery().toSeconds(),
        length);
  }

  /** Expression true while the box moves, or null for never. */
  static String motion(SimConfig.Camera c, SimConfig.Day day, SimClock clock) {
    if (c.dayMotion() && c.nightMotion()) {
      return "1";
    }
    if (!c.dayMotion() && !c.nightMotion()) {
      return null;
    }
    double speed = 86_400.0 / clock.dayLength().toMillis() * 1000;
    String sod = String.format(Locale.ROOT, "mod(%d+t*%.6f,86400)", clock.start().toSecondOfDay(), speed);
    long from = day.nightFrom() * 3600L;
    long until = day.nightUntil() * 3600L;
    String night = day.nightFrom() > day.nightUntil()
        ? "(gte(%s,%d)+lt(%s,%d))".formatted(sod, from, sod, until)
        : "(gte(%s,%d)*lt(%s,%d))".formatted(sod, from, sod, until);
    return c.nightMotion() ? night : "not" + night;
  }
}
