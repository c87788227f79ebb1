package org.gridguard.hub.alarm;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.Record;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where alarm records from the edges become alarms, inside the transaction that stores the
 * records ({@link PriorityRecordStore.Listener}): so an alarm, its incident and the record commit
 * together, and a replay (never passed on) cannot count twice.
 *
 * <p>One active alarm per gateway|device|type|zone: the UNIQUE {@code active_key} decides, not
 * a lock — a new alarm is inserted in a savepoint and, if another thread or hub instance has
 * just inserted the same key, joins that one as a repeat. Repeats (BEGIN or UPDATE of an active
 * key) add to its count and last time; END clears it unless it is older than the alarm's begin;
 * a BEGIN not after the key's last END is a late record of that cleared alarm and does not
 * reopen it. New alarms pass {@link StormControl} first; a new governance alarm gets its
 * incident from {@link AlarmIncidents} unless a correlation rule ({@link Correlator}) links it
 * to one.
 */
@Component
class AlarmIntake implements PriorityRecordStore.Listener {
  /** Hub type of a DeviceStatus OFFLINE (BEGIN) … ONLINE (END). */
  static final String DEVICE_OFFLINE = "DEVICE_OFFLINE";
  /** Hub type of a storm summary alarm. */
  static final String STORM = "STORM";

  private final AlarmRepository alarms;
  private final AlarmPlaces places;
  private final StormControl storms;
  private final Correlator correlator;
  private final AlarmIncidents incidents;
  private final AlarmMetrics metrics;
  private final AlarmProperties props;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  AlarmIntake(AlarmRepository alarms, AlarmPlaces places, StormControl storms,
      Correlator correlator, AlarmIncidents incidents, AlarmMetrics metrics,
      AlarmProperties props, Clock clock, PlatformTransactionManager transactions) {
    this.alarms = alarms;
    this.places = places;
    this.storms = storms;
    this.correlator = correlator;
    this.incidents = incidents;
    this.metrics = metrics;
    this.props = props;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public void stored(StreamKey key, List<Record> records) {
    storedAll(List.of(new PriorityRecordStore.Batch(key, records)));
  }

  /**
   * The alarm records of every batch of one transaction: per gateway one {@link AlarmBatch}
   * (its records in order), the active alarms of all their keys read in one query, and what
   * they changed written once at the end for all of them — so a transaction holding the batches
   * of many gateways costs the statements of one, plus those of its new alarms.
   */
  @Override
  public void storedAll(List<PriorityRecordStore.Batch> stored) {
    long started = System.nanoTime();
    java.util.Map<String, List<AlarmInput>> byGateway = new java.util.LinkedHashMap<>();
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    for (PriorityRecordStore.Batch batch : stored) {
      String gatewayId = batch.key().gatewayId();
      for (Record record : batch.records()) {
        AlarmInput in = switch (record.getBodyCase()) {
          case ALARM -> AlarmInput.of(gatewayId, record);
          case STATUS -> AlarmInput.ofStatus(gatewayId, record);
          default -> null;
        };
        if (in != null) {
          byGateway.computeIfAbsent(gatewayId, g -> new java.util.ArrayList<>()).add(in);
          keys.add(in.dedupKey());
        }
      }
    }
    if (byGateway.isEmpty()) {
      return;
    }
    // the active alarms of all the batches' keys in one query, not one per record or gateway
    java.util.Map<String, AlarmRepository.Active> found = alarms.findActive(keys);
    java.time.Instant now = clock.instant();
    List<AlarmBatch> work = new java.util.ArrayList<>(byGateway.size());
    byGateway.forEach((gatewayId, inputs) -> {
      AlarmBatch batch = new AlarmBatch(gatewayId, now);
      batch.prefetched(inputs.stream().map(AlarmInput::dedupKey).toList(), found);
      for (AlarmInput in : inputs) {
        take(batch, in);
      }
      work.add(batch);
    });
    finish(work);
    metrics.batch(System.nanoTime() - started);
  }

  /** One record, in order. */
  void take(AlarmBatch b, AlarmInput in) {
    metrics.record(in.phase());
    Optional<AlarmRepository.Active> active = b.active(in.dedupKey(), alarms::findActive);
    if (in.phase() == AlarmPhase.END) {
      end(b, in, active);
      return;
    }
    if (active.isPresent()) {
      repeat(b, active.get(), in);
      return;
    }
    Optional<AlarmRepository.Cleared> cleared = alarms.latestCleared(in.dedupKey());
    if (cleared.isPresent() && !in.begin().isAfter(cleared.get().endAt())) {
      // out of order: this alarm already ended later than this record says it began
      alarms.lateRecord(cleared.get().id(), cleared.get().endAt());
      b.history(cleared.get().id(), "IGNORED", in, in.phase() + " began " + in.begin()
          + ", not after the alarm's end " + cleared.get().endAt() + ": not reopened");
      metrics.ignored("late_begin");
      return;
    }
    StormControl.Fold fold = storms.admit(b, in);
    if (fold != null) {
      foldIntoStorm(b, in, fold);
      return;
    }
    AlarmPlaces.Place place = places.of(b, in.deviceId());
    Joined j = insertOrJoin(b, in, place);
    if (!j.created()) {
      repeat(b, j.active(), in);
      return;
    }
    b.history(j.active().id, "BEGIN", in, in.phase() == AlarmPhase.UPDATE
        ? "first seen as UPDATE" : null);
    metrics.created(in.type());
    boolean linked = correlator.onNew(b, j.active(), in, place);
    if (!linked && in.category() != null) {
      incidents.open(b, j.active(), in, place);
    }
  }

  private void end(AlarmBatch b, AlarmInput in, Optional<AlarmRepository.Active> active) {
    if (active.isPresent()) {
      AlarmRepository.Active a = active.get();
      if (in.end().isBefore(a.firstAt)) {
        b.history(a.id, "IGNORED", in, "END at " + in.end() + " is older than the active "
            + "alarm's begin " + a.firstAt + ": not cleared");
        metrics.ignored("old_end");
        return;
      }
      alarms.flush(a);
      alarms.clear(a.id, in.end());
      b.put(in.dedupKey(), null);
      b.history(a.id, "END", in, null);
      metrics.cleared();
      correlator.onEnd(b, in);
      return;
    }
    Optional<AlarmRepository.Cleared> cleared = alarms.latestCleared(in.dedupKey());
    if (cleared.isPresent()) {
      alarms.lateRecord(cleared.get().id(), in.end());
      b.history(cleared.get().id(), "END", in, "END of an alarm already cleared");
      metrics.ignored("repeated_end");
      return;
    }
    StormControl.Fold storm = storms.activeStorm(b, in);
    if (storm != null) {
      // the END of a BEGIN that was folded into the storm
      foldIntoStorm(b, in, storm);
      return;
    }
    // an END without its BEGIN (lost before the hub, or folded by an earlier storm): kept as a
    // cleared alarm so it is seen and its end time guards the key against a late BEGIN
    AlarmPlaces.Place place = places.of(b, in.deviceId());
    long id = alarms.insert(new AlarmRepository.NewRow(in, place.gridCode(), place.lat(),
        place.lon(), false, b.now), props.maxIds());
    b.history(id, "END", in, "END without an active alarm: kept as cleared, no incident");
    metrics.ignored("end_without_begin");
  }

  private void repeat(AlarmBatch b, AlarmRepository.Active a, AlarmInput in) {
    a.countDelta++;
    a.dirty = true;
    if (in.begin().isBefore(a.firstAt)) {
      a.firstAt = in.begin();
    }
    a.lastAt = AlarmRepository.max(a.lastAt, in.capture());
    for (String id : in.evidenceIds()) {
      AlarmRepository.addBounded(a.evidence, id, props.maxIds());
    }
    AlarmRepository.addBounded(a.edgeIds, in.edgeAlarmId(), props.maxIds());
    b.history(a.id, in.phase().name(), in, null);
    metrics.repeated();
  }

  private void foldIntoStorm(AlarmBatch b, AlarmInput in, StormControl.Fold fold) {
    AlarmInput summary = fold.summary(in);
    AlarmRepository.Active storm = b.active(summary.dedupKey(), alarms::findActive).orElse(null);
    if (storm == null) {
      Joined j = insertOrJoin(b, summary, places.of(b, summary.deviceId()));
      storm = j.active();
      if (j.created()) {
        b.history(storm.id, "BEGIN", summary, summary.detail());
        metrics.created(STORM);
      } else {
        storm.countDelta++;
        storm.dirty = true;
      }
    } else {
      storm.countDelta++;
      storm.dirty = true;
    }
    storm.lastAt = AlarmRepository.max(storm.lastAt, in.capture());
    b.history(storm.id, "FOLDED", in, in.type() + " " + in.phase() + " of " + in.deviceId()
        + (in.zone().isEmpty() ? "" : " zone " + in.zone()));
    b.folded.computeIfAbsent(storm.id, k -> new java.util.HashMap<>())
        .merge(in.type(), 1, Integer::sum);
    metrics.folded(fold.scope());
  }

  record Joined(AlarmRepository.Active active, boolean created) {}

  /** Inserts the active alarm of {@code in}'s key, or joins the one another writer made first. */
  Joined insertOrJoin(AlarmBatch b, AlarmInput in, AlarmPlaces.Place place) {
    try {
      Long id = savepoint.execute(s -> alarms.insert(new AlarmRepository.NewRow(in,
          place.gridCode(), place.lat(), place.lon(), true, b.now), props.maxIds()));
      AlarmRepository.Active a = new AlarmRepository.Active(id, in.begin(),
          AlarmRepository.max(in.begin(), in.capture()), in.category(), null,
          new java.util.LinkedHashSet<>(in.evidenceIds()),
          new java.util.LinkedHashSet<>(in.edgeAlarmId().isEmpty() ? List.of()
              : List.of(in.edgeAlarmId())));
      b.put(in.dedupKey(), a);
      return new Joined(a, true);
    } catch (DuplicateKeyException e) {
      metrics.raceLost();
      AlarmRepository.Active a = alarms.findActive(in.dedupKey()).orElseThrow(() -> e);
      b.put(in.dedupKey(), a);
      return new Joined(a, false);
    }
  }

  private void finish(List<AlarmBatch> work) {
    List<AlarmRepository.Active> touched = new java.util.ArrayList<>();
    List<AlarmRepository.History> history = new java.util.ArrayList<>();
    List<AlarmRepository.Link> links = new java.util.ArrayList<>();
    for (AlarmBatch b : work) {
      links.addAll(b.links);
      for (Optional<AlarmRepository.Active> a : b.actives()) {
        a.ifPresent(touched::add);
      }
    }
    alarms.flushAll(touched);
    alarms.setIncidents(links);
    for (AlarmBatch b : work) {
      storms.flush(b);
      history.addAll(b.history);
    }
    alarms.history(history);
  }
}
