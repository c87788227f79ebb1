package org.gridguard.hub.alarm;

import org.gridguard.hub.incident.AlarmRef;
import org.gridguard.hub.incident.IncidentIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Incidents of new governance alarms, through {@link IncidentIntake} in the batch's
 * transaction. The alarm key handed over is {@code alarm:<id>} (or {@code rule:<name>:<id>} for a
 * correlation), so an alarm row has one incident however often it is taken in. An alarm that
 * cannot have one (the category is not in the table, the gateway's grid is not a GRID node) is
 * kept with the reason in {@code incident_note} — the records are still acknowledged.
 */
@Component
class AlarmIncidents {
  private static final Logger log = LoggerFactory.getLogger(AlarmIncidents.class);

  private final IncidentIntake intake;
  private final AlarmRepository alarms;
  private final AlarmMetrics metrics;
  private final java.util.concurrent.atomic.AtomicLong nextLog =
      new java.util.concurrent.atomic.AtomicLong();

  AlarmIncidents(IncidentIntake intake, AlarmRepository alarms, AlarmMetrics metrics) {
    this.intake = intake;
    this.alarms = alarms;
    this.metrics = metrics;
  }

  /** An incident id, or why there is none. */
  record Outcome(Long incidentId, String problem) {}

  /** Opens (or finds) the incident of a new alarm and stores it on the alarm. */
  void open(AlarmBatch b, AlarmRepository.Active a, AlarmInput in, AlarmPlaces.Place place) {
    Outcome o = create("alarm:" + a.id, in, in.category(), in.priority(), place);
    a.incidentId = o.incidentId();
    b.link(a.id, o.incidentId(), o.problem(), null);
    if (o.incidentId() != null) {
      metrics.incident("created");
    }
  }

  /** The incident of {@code key}, or the reason the incident package refused it. */
  Outcome create(String key, AlarmInput in, String category, int priority,
      AlarmPlaces.Place place) {
    return call(key, in.gatewayId(), () -> intake.fromAlarm(ref(key, in.gatewayId(),
        in.deviceId(), in.begin(), category, priority, place)));
  }

  /**
   * Joins the alarm of {@code key} to the open incident {@code incidentId} for correlation rule
   * {@code rule} (see {@link IncidentIntake#attach}); the incident it then belongs to, or why none.
   */
  Outcome attach(long incidentId, String key, String gatewayId, String deviceId,
      java.time.Instant at, String category, int priority, AlarmPlaces.Place place, String rule) {
    return call(key, gatewayId, () -> intake.attach(incidentId, ref(key, gatewayId, deviceId, at,
        category, priority, place), rule));
  }

  private static AlarmRef ref(String key, String gatewayId, String deviceId, java.time.Instant at,
      String category, int priority, AlarmPlaces.Place place) {
    return new AlarmRef(key, gatewayId, deviceId == null || deviceId.isEmpty() ? null : deviceId,
        place.gridCode(), category, priority, at, place.lat(), place.lon());
  }

  private Outcome call(String key, String gatewayId, java.util.function.LongSupplier intakeCall) {
    try {
      return new Outcome(intakeCall.getAsLong(), null);
    } catch (IllegalArgumentException | ResponseStatusException e) {
      String reason = e instanceof ResponseStatusException r ? r.getReason() : e.getMessage();
      metrics.incident("refused");
      long now = System.currentTimeMillis();
      long next = nextLog.get();
      if (now >= next && nextLog.compareAndSet(next, now + 10_000)) {
        // at most one line per 10 s: a misregistered gateway must not flood the log
        log.warn("alarm {} of gateway {} has no incident: {} (counted in "
            + "gridguard_alarm_incidents_total{outcome=refused})", key, gatewayId, reason);
      }
      return new Outcome(null, "no incident: " + reason);
    }
  }
}
