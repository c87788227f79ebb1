package org.gridguard.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CameraFilterTest {
  private static final SimConfig.Day DAY = new SimConfig.Day(Duration.ofMinutes(24), null,
      java.time.ZoneOffset.ofHours(8), SimConfigParser.DEFAULT_ACTIVITY, 22, 5);

  @Test
  void tamper_periodic_coveredFromFirstForDurationEveryPeriod() {
    var c = new SimConfig.Camera("c", Duration.ofMinutes(9), Duration.ofMinutes(30),
        Duration.ofSeconds(40), false, false);
    assertThat(CameraFilter.tamper(c)).isEqualTo("gte(t,540)*lt(mod(t-540,1800),40)");
  }

  @Test
  void tamper_once_betweenFirstAndEnd() {
    var c = new SimConfig.Camera("c", Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(3),
        false, false);
    assertThat(CameraFilter.tamper(c)).isEqualTo("between(t,5,8)");
  }

  @Test
  void motion_nightOnly_wrapsMidnightInSimulatedSeconds() {
    var c = new SimConfig.Camera("c", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), true, false);
    // a 24-minute day runs 60 times as fast; starting 21:00 = 75600 s
    String e = CameraFilter.motion(c, DAY, SimFixtures.clock("21:00", Duration.ofMinutes(24)));
    assertThat(e).isEqualTo("(gte(mod(75600+t*60.000000,86400),79200)+lt(mod(75600+t*60.000000,86400),18000))");
  }

  @Test
  void of_rebasesTimelineOnSimulatorStartAndStacksTamperLast() {
    var c = new SimConfig.Camera("c", Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(3),
        true, true);
    String f = CameraFilter.of(c, DAY, SimFixtures.clock("08:00", Duration.ofHours(24)), 1234L);
    assertThat(f).startsWith("setpts='(RTCTIME-1234)/(TB*1000000)'")
        .contains("drawbox=x='mod(t*40,iw-40)'", "enable='1'")
        .endsWith("color=black:t=fill:enable='between(t,5,8)'");
  }
}
