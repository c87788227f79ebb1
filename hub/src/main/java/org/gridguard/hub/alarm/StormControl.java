package org.gridguard.hub.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridguard.protocol.v1.AlarmPhase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Storm control: at most {@code storm-per-device} new alarms per minute per device and
 * {@code storm-per-gateway} per gateway (village); beyond that a new alarm is folded into the
 * device's (or gateway's) STORM summary alarm (alarms a device storm folded do not count for the
 * gateway; P1 alarms are never folded by a gateway storm), which counts them per type in
 * {@code alarm_storm_count} — nothing is dropped, and the storm is an alarm anyone can see, and
 * the metric {@code gridguard_alarm_storm_folded_total}.
 *
 * <p>The counts live in the database ({@code alarm_rate}, one row per scope and minute of the
 * alarm's begin time, {@code UPDATE … SET n = n + 1}), so all hub instances share one count: a
 * gateway that reconnects to another instance mid-storm is still limited, and after an outage a
 * backlog is judged by when the alarms happened, not when they arrived. The first update of a
 * bucket in a batch locks its row until the batch commits, so the batch can count on in memory
 * and write the sum once. Repeats of an active alarm are not counted: they are already one alarm.
 * A storm ends (is cleared, at its last fold) at the first admitted alarm of a later minute.
 */
@Component
class StormControl {
  /** One counter: scope key ('d|gw|device' or 'g|gw') and minute since the epoch. */
  record Bucket(String scope, long minute) {}

  /**
   * Where a folded alarm goes.
   *
   * @param scope "device" or "gateway"
   * @param deviceId the summary's device ('' for the gateway's summary)
   */
  record Fold(String scope, String deviceId, int limit) {
    AlarmInput summary(AlarmInput in) {
      return new AlarmInput(in.gatewayId(), deviceId, AlarmIntake.STORM, "", AlarmPhase.BEGIN,
          "", in.begin(), null, in.capture(), null, 3, "storm:" + scope,
          "more than " + limit + " new alarms a minute on this " + scope
              + "; further ones are folded in here", List.of());
    }
  }

  private final JdbcTemplate jdbc;
  private final AlarmRepository alarms;
  private final AlarmProperties props;
  private final TransactionTemplate savepoint;

  StormControl(JdbcTemplate jdbc, AlarmRepository alarms, AlarmProperties props,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.alarms = alarms;
    this.props = props;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Counts a new alarm; null if admitted, else the summary to fold it into. */
  Fold admit(AlarmBatch b, AlarmInput in) {
    long minute = in.begin().toEpochMilli() / 60_000;
    int device = count(b, new Bucket("d|" + in.gatewayId() + "|" + in.deviceId(), minute));
    if (device > props.stormPerDevice()) {
      // one flapping device is its own storm: it does not push its village into one
      return new Fold("device", in.deviceId(), props.stormPerDevice());
    }
    int gateway = count(b, new Bucket("g|" + in.gatewayId(), minute));
    if (gateway > props.stormPerGateway() && in.priority() > 1) {
      // a P1 alarm (fire, gas, emergency call …) is never folded by a village-wide storm: it is
      // counted, and still becomes its own alarm and incident
      return new Fold("gateway", "", props.stormPerGateway());
    }
    if (device == 1) {
      endStorm(b, in, in.deviceId(), minute);
    }
    if (gateway == 1) {
      endStorm(b, in, "", minute);
    }
    return null;
  }

  /** The storm an END without its alarm belongs to (its BEGIN was folded), or null. */
  Fold activeStorm(AlarmBatch b, AlarmInput in) {
    for (String device : new String[] {in.deviceId(), ""}) {
      String key = AlarmInput.key(in.gatewayId(), device, AlarmIntake.STORM, "");
      if (b.active(key, alarms::findActive).isPresent()) {
        return device.isEmpty() ? new Fold("gateway", "", props.stormPerGateway())
            : new Fold("device", device, props.stormPerDevice());
      }
    }
    return null;
  }

  /** Clears a storm summary whose last fold was before {@code minute}. */
  private void endStorm(AlarmBatch b, AlarmInput in, String device, long minute) {
    String key = AlarmInput.key(in.gatewayId(), device, AlarmIntake.STORM, "");
    b.active(key, alarms::findActive).ifPresent(storm -> {
      if (storm.lastAt.toEpochMilli() / 60_000 < minute) {
        alarms.flush(storm);
        alarms.clear(storm.id, storm.lastAt);
        b.put(key, null);
        b.history(storm.id, "END", null, "storm over: " + in.type() + " of "
            + (device.isEmpty() ? "the gateway" : device) + " admitted in a later minute");
      }
    });
  }

  private int count(AlarmBatch b, Bucket bucket) {
    int[] held = b.rates.get(bucket);
    if (held != null) {
      held[0]++;
      held[1]++;
      return held[0];
    }
    int n = incrementInDatabase(bucket);
    b.rates.put(bucket, new int[] {n, 0});
    return n;
  }

  private int incrementInDatabase(Bucket bucket) {
    String increment = "UPDATE alarm_rate SET n = n + 1 WHERE scope_key = ? AND bucket_minute = ?";
    if (jdbc.update(increment, bucket.scope(), bucket.minute()) == 0) {
      try {
        savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO alarm_rate (scope_key, "
            + "bucket_minute, n) VALUES (?, ?, 1)", bucket.scope(), bucket.minute()));
        return 1;
      } catch (DuplicateKeyException e) {
        jdbc.update(increment, bucket.scope(), bucket.minute());
      }
    }
    Integer n = jdbc.queryForObject("SELECT n FROM alarm_rate WHERE scope_key = ? AND "
        + "bucket_minute = ?", Integer.class, bucket.scope(), bucket.minute());
    return n == null ? 1 : n;
  }

  /** Writes the counts held in memory and the storms' per-type counts. */
  void flush(AlarmBatch b) {
    List<Object[]> rates = new ArrayList<>();
    b.rates.forEach((bucket, held) -> {
      if (held[1] > 0) {
        rates.add(new Object[] {held[1], bucket.scope(), bucket.minute()});
      }
    });
    if (!rates.isEmpty()) {
      jdbc.batchUpdate("UPDATE alarm_rate SET n = n + ? WHERE scope_key = ? AND "
          + "bucket_minute = ?", rates);
    }
    for (Map.Entry<Long, Map<String, Integer>> storm : b.folded.entrySet()) {
      for (Map.Entry<String, Integer> type : storm.getValue().entrySet()) {
        foldCount(storm.getKey(), type.getKey(), type.getValue());
      }
    }
  }

  private void foldCount(long stormId, String type, int n) {
    String update = "UPDATE alarm_storm_count SET n = n + ? WHERE alarm_id = ? AND type = ?";
    if (jdbc.update(update, n, stormId, type) == 0) {
      try {
        savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO alarm_storm_count "
            + "(alarm_id, type, n) VALUES (?, ?, ?)", stormId, type, n));
      } catch (DuplicateKeyException e) {
        jdbc.update(update, n, stormId, type);
      }
    }
  }

  /** Deletes counters older than the retention (called by the purge). */
  int purge(Instant now) {
    long before = now.minus(props.rateRetention()).toEpochMilli() / 60_000;
    return jdbc.update("DELETE FROM alarm_rate WHERE bucket_minute < ?", before);
  }
}
