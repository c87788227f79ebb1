package org.gridguard.hub.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-derives the health of every gateway and registered device every {@code sweep-interval}, on
 * every hub instance ({@link HealthRules}), gateway by gateway in pages; a changed verdict is a
 * transition ({@link HealthRepository#transition}), recorded once however many instances sweep.
 */
@Component
class HealthSweep extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(HealthSweep.class);

  private final HealthRepository health;
  private final HealthRules rules;
  private final DeviceHealthProperties config;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Counter lost;

  HealthSweep(HealthRepository health, DeviceHealthProperties config, Clock clock,
      MeterRegistry meters) {
    super("device-health", config.sweepInterval());
    this.health = health;
    this.rules = new HealthRules(config.offlineFactor(), config.gatewayOfflineAfter());
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.lost = Counter.builder("gridguard.health.transitions.lost")
        .description("transitions another sweeper recorded first").register(meters);
  }

  @Override
  protected Duration runOnce() {
    sweep();
    return config.sweepInterval();
  }

  /** One sweep of everything; returns how many transitions this caller recorded. */
  int sweep() {
    Instant now = clock.instant();
    int done = 0;
    String after = "";
    while (true) {
      List<HealthRepository.GatewayRow> page = health.gateways(after, config.sweepBatch());
      if (page.isEmpty()) {
        break;
      }
      Map<String, HealthState> gatewayStates = new HashMap<>();
      for (HealthRepository.GatewayRow g : page) {
        HealthRules.Verdict v = rules.gateway(g.input(), now);
        gatewayStates.put(g.gatewayId(), v.state());
        done += apply(g.gatewayId(), "", g.input().current(), v, now, "gateway");
      }
      String last = page.get(page.size() - 1).gatewayId();
      for (HealthRepository.DeviceRow d : health.devices(after, last)) {
        HealthRules.Verdict v = rules.device(d.input(), gatewayStates.get(d.gatewayId()), now);
        done += apply(d.gatewayId(), d.deviceId(), d.input().current(), v, now, "device");
      }
      if (page.size() < config.sweepBatch()) {
        break;
      }
      after = last;
    }
    if (done > 0) {
      log.info("device health: {} transition(s)", done);
    }
    return done;
  }

  private int apply(String gatewayId, String deviceId, HealthRules.Current current,
      HealthRules.Verdict verdict, Instant now, String subject) {
    if (current != null && current.state() == verdict.state()) {
      return 0;
    }
    if (!health.transition(gatewayId, deviceId, current, verdict, now)) {
      lost.increment();
      return 0;
    }
    meters.counter("gridguard.health.transitions", "subject", subject, "to",
        verdict.state().name()).increment();
    return 1;
  }
}
