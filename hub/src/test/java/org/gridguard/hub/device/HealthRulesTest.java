package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
  private static final Instant T0 = Instant.parse("2025-10-13T01:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private final HealthRules rules = new HealthRules(2.0, Duration.ofMinutes(2));

  private static HealthRules.DeviceInput sensor(Instant lastReport, HealthRules.Current current,
      HealthRules.Fault... faults) {
    return new HealthRules.DeviceInput(T0.minus(Duration.ofDays(1)), MINUTE, lastReport, null,
        null, null, List.of(faults), current);
  }

  /** Sweeps every 30 s over a device whose reports come late (up to 1.9 intervals apart). */
  @Test
  void device_lateReportsNeverTwoIntervals_staysOnlineNoFlap() {
    long[] reportsAtSeconds = {0, 110, 150, 264, 300, 414, 470};
    HealthState previous = null;
    int transitions = 0;
    for (int s = 0; s <= 480; s += 30) {
      Instant last = null;
      for (long r : reportsAtSeconds) {
        if (r <= s) {
          last = T0.plusSeconds(r);
        }
      }
      HealthState state = rules.device(sensor(last, null), HealthState.ONLINE,
          T0.plusSeconds(s)).state();
      if (state != previous) {
        transitions++;
        previous = state;
      }
    }
    assertThat(previous).isEqualTo(HealthState.ONLINE);
    assertThat(transitions).as("only the first verdict").isEqualTo(1);
  }

  @Test
  void device_silentMoreThanTwoIntervals_offlineWithCause() {
    HealthRules.Verdict v = rules.device(sensor(T0, null), HealthState.ONLINE,
        T0.plusSeconds(121));
    assertThat(v.state()).isEqualTo(HealthState.OFFLINE);
    assertThat(v.cause()).contains("silent since " + T0).contains("expected every PT1M");
    assertThat(rules.device(sensor(T0, null), HealthState.ONLINE, T0.plusSeconds(119)).state())
        .isEqualTo(HealthState.ONLINE);
  }

  @Test
  void device_offlineThenNoNewReport_staysOffline_thenReportAfterSince_online() {
    HealthRules.Current offline = new HealthRules.Current(HealthState.OFFLINE,
        T0.plusSeconds(150), 2);
    // the last report is before it went offline: still offline, even though within 2 intervals
    assertThat(rules.device(sensor(T0.plusSeconds(140), offline), HealthState.ONLINE,
        T0.plusSeconds(160)).state()).isEqualTo(HealthState.OFFLINE);
    assertThat(rules.device(sensor(T0.plusSeconds(151), offline), HealthState.ONLINE,
        T0.plusSeconds(160)).state()).isEqualTo(HealthState.ONLINE);
  }

  @Test
  void device_faultAlarms_decideState() {
    assertThat(rules.device(sensor(T0, null, new HealthRules.Fault("VIDEO_LOSS", T0)),
        HealthState.ONLINE, T0.plusSeconds(1)).state()).isEqualTo(HealthState.OFFLINE);
    HealthRules.Verdict battery = rules.device(sensor(T0, null,
        new HealthRules.Fault("LOW_BATTERY_LEVEL", T0)), HealthState.ONLINE, T0.plusSeconds(1));
    assertThat(battery.state()).isEqualTo(HealthState.DEGRADED);
    assertThat(battery.cause()).startsWith("LOW_BATTERY_LEVEL");
    // the edge's DEVICE_SILENT (one interval) is not yet offline
    assertThat(rules.device(sensor(T0, null, new HealthRules.Fault("DEVICE_SILENT", T0)),
        HealthState.ONLINE, T0.plusSeconds(70)).state()).isEqualTo(HealthState.DEGRADED);
  }

  @Test
  void device_gatewayOffline_offlineByGateway() {
    assertThat(rules.device(sensor(T0, null), HealthState.OFFLINE, T0).cause())
        .isEqualTo(HealthRules.GATEWAY_CAUSE);
  }

  @Test
  void device_cameraWithoutInterval_backWhenCauseEnds() {
    HealthRules.Current offline = new HealthRules.Current(HealthState.OFFLINE, T0, 2);
    HealthRules.DeviceInput camera = new HealthRules.DeviceInput(T0.minusSeconds(9999), null,
        null, null, null, null, List.of(), offline);
    assertThat(rules.device(camera, HealthState.ONLINE, T0.plusSeconds(30)).state())
        .isEqualTo(HealthState.ONLINE);
  }

  @Test
  void gateway_closedShorterThanGrace_online_longer_offline() {
    HealthRules.GatewayInput closed = new HealthRules.GatewayInput(T0, T0.plusSeconds(1), null,
        null, null);
    assertThat(rules.gateway(closed, T0.plusSeconds(100)).state()).isEqualTo(HealthState.ONLINE);
    HealthRules.Verdict later = rules.gateway(closed, T0.plusSeconds(122));
    assertThat(later.state()).isEqualTo(HealthState.OFFLINE);
    assertThat(later.cause()).startsWith("session closed at");
  }

  @Test
  void gateway_offlineUntilHeardAfterIt() {
    HealthRules.Current offline = new HealthRules.Current(HealthState.OFFLINE, T0, 3);
    assertThat(rules.gateway(new HealthRules.GatewayInput(T0.minusSeconds(10), null, null, null,
        offline), T0.plusSeconds(5)).state()).isEqualTo(HealthState.OFFLINE);
    assertThat(rules.gateway(new HealthRules.GatewayInput(T0.plusSeconds(4), null, null, null,
        offline), T0.plusSeconds(5)).state()).isEqualTo(HealthState.ONLINE);
    assertThat(rules.gateway(new HealthRules.GatewayInput(null, null, null, null, null), T0)
        .cause()).isEqualTo("never connected");
  }
}
