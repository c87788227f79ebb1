package org.gridguard.hub.device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * How health is derived (pure; the sweep feeds it). Hysteresis: a device goes OFFLINE only
 * after {@code offline-factor} × its expected interval of silence (the edge's own DEVICE_SILENT,
 * raised after one interval, only makes it DEGRADED), a gateway only {@code gateway-offline-after}
 * after its session ended; and whatever made it OFFLINE, it comes back only with a report heard
 * after it went OFFLINE (devices without an expected interval: once the cause is gone) — so one
 * missed report, or one late sweep, does not flap.
 */
final class HealthRules {
  /** Active alarms of these types make a device OFFLINE. */
  static final Set<String> OFFLINE_FAULTS = Set.of("DEVICE_OFFLINE", "VIDEO_LOSS");
  /** Active alarms of these types make a device DEGRADED. */
  static final Set<String> DEGRADED_FAULTS = Set.of("DEVICE_SILENT", "LOW_BATTERY_LEVEL",
      "VIDEO_FROZEN", "VIDEO_COVERED", "VIDEO_DEFOCUS", "TAMPER");
  /** Cause prefix of a device that is OFFLINE because its gateway is (no order of its own). */
  static final String GATEWAY_CAUSE = HealthState.BY_GATEWAY;

  record Verdict(HealthState state, String cause) {}

  /** The stored state, or null before the first sweep. */
  record Current(HealthState state, Instant since, long version) {}

  record Fault(String type, Instant since) {}

  record GatewayInput(Instant lastSeen, Instant sessionClosed, String status, String statusDetail,
      Current current) {}

  record DeviceInput(Instant registered, Duration interval, Instant lastReport, String status,
      String statusDetail, Instant statusAt, List<Fault> faults, Current current) {}

  private final double offlineFactor;
  private final Duration gatewayOfflineAfter;

  HealthRules(double offlineFactor, Duration gatewayOfflineAfter) {
    this.offlineFactor = offlineFactor;
    this.gatewayOfflineAfter = gatewayOfflineAfter;
  }

  Verdict gateway(GatewayInput in, Instant now) {
    if (in.lastSeen() == null) {
      return new Verdict(HealthState.OFFLINE, "never connected");
    }
    boolean closed = in.sessionClosed() != null && !in.lastSeen().isAfter(in.sessionClosed());
    Instant silentSince = closed ? in.sessionClosed() : in.lastSeen();
    if (Duration.between(silentSince, now).compareTo(gatewayOfflineAfter) > 0) {
      return new Verdict(HealthState.OFFLINE, closed ? "session closed at " + silentSince
          : "nothing heard since " + silentSince);
    }
    if (stillOffline(in.current(), in.lastSeen())) {
      return new Verdict(HealthState.OFFLINE, "no report since it went offline");
    }
    if ("DEGRADED".equals(in.status())) {
      return new Verdict(HealthState.DEGRADED, "gateway status DEGRADED: " + in.statusDetail());
    }
    return new Verdict(HealthState.ONLINE, closed ? "reconnecting" : "connected");
  }

  Verdict device(DeviceInput in, HealthState gateway, Instant now) {
    if (gateway == HealthState.OFFLINE) {
      return new Verdict(HealthState.OFFLINE, GATEWAY_CAUSE);
    }
    for (Fault f : in.faults()) {
      if (OFFLINE_FAULTS.contains(f.type())) {
        return new Verdict(HealthState.OFFLINE, f.type() + " since " + f.since());
      }
    }
    if ("OFFLINE".equals(in.status())) {
      return new Verdict(HealthState.OFFLINE, "status OFFLINE: " + in.statusDetail());
    }
    if (in.interval() != null) {
      Instant reference = in.lastReport() != null ? in.lastReport() : in.registered();
      Duration limit = Duration.ofMillis((long) (in.interval().toMillis() * offlineFactor));
      if (reference != null && Duration.between(reference, now).compareTo(limit) > 0) {
        return new Verdict(HealthState.OFFLINE, (in.lastReport() == null ? "never reported"
            : "silent since " + in.lastReport()) + ", expected every " + in.interval());
      }
    }
    Instant latest = in.lastReport();
    if (in.statusAt() != null && (latest == null || in.statusAt().isAfter(latest))) {
      latest = in.statusAt();
    }
    // a device expected to report comes back with a report; one that is not (a camera without
    // an interval) with the END of what made it offline, or with its gateway
    if (in.interval() != null && stillOffline(in.current(), latest)) {
      return new Verdict(HealthState.OFFLINE, "no report since it went offline");
    }
    for (Fault f : in.faults()) {
      if (DEGRADED_FAULTS.contains(f.type())) {
        return new Verdict(HealthState.DEGRADED, f.type() + " since " + f.since());
      }
    }
    if ("DEGRADED".equals(in.status())) {
      return new Verdict(HealthState.DEGRADED, "status DEGRADED: " + in.statusDetail());
    }
    return new Verdict(HealthState.ONLINE, in.lastReport() == null ? "no fault reported"
        : "reporting, last " + in.lastReport());
  }

  /** OFFLINE and nothing heard after it went so: it stays OFFLINE. */
  private static boolean stillOffline(Current current, Instant latestReport) {
    return current != null && current.state() == HealthState.OFFLINE
        && (latestReport == null || !latestReport.isAfter(current.since()));
  }
}
