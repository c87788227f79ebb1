package org.gridguard.hub.alarm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub-side correlation rules ({@link AlarmRule}), evaluated when a new alarm is inserted,
 * in the batch's transaction, over the alarm rows of the same gateway (SQL, so alarms taken in
 * by another hub instance count too).
 *
 * <p>ALL_OF: when the new alarm completes a rule (an alarm of every other member within the
 * window, none marked false), the alarms become one incident: if one of them already has an
 * incident (a door forced open is a P2 incident on its own), the others join it
 * ({@link org.gridguard.hub.incident.IncidentIntake#attach}: listed with its alarms, and it takes
 * the rule's category and priority — night motion turns it into an intrusion); otherwise one
 * incident of the rule's category and priority is made, keyed {@code rule:<name>:<alarm id>}, and
 * the partners join it. The link is held on the alarm rows too ({@code incident_id},
 * {@code correlation}).
 *
 * <p>OUTAGE: enough devices lost at once make one open {@code alarm_outage} row per gateway,
 * linked from their alarms, instead of a stack of maintenance alarms; it closes when the last
 * of its alarms ends.
 */
@Component
class Correlator {
  private final List<AlarmRule> rules;
  private final JdbcTemplate jdbc;
  private final AlarmRepository alarms;
  private final AlarmIncidents incidents;
  private final AlarmMetrics metrics;
  private final AlarmProperties props;
  private final TransactionTemplate savepoint;

  Correlator(AlarmProperties props, JdbcTemplate jdbc, AlarmRepository alarms,
      AlarmIncidents incidents, AlarmMetrics metrics, PlatformTransactionManager transactions) {
    this.rules = AlarmRulesLoader.load(props.rulesFile());
    this.props = props;
    this.jdbc = jdbc;
    this.alarms = alarms;
    this.incidents = incidents;
    this.metrics = metrics;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  List<AlarmRule> rules() {
    return rules;
  }

  private record Partner(long id, Long incidentId, String deviceId, Instant firstAt) {}

  /**
   * Applies the rules to a new alarm.
   *
   * @return true if a rule linked it to an incident (it then gets none of its own)
   */
  boolean onNew(AlarmBatch b, AlarmRepository.Active a, AlarmInput in, AlarmPlaces.Place place) {
    boolean linked = false;
    for (AlarmRule rule : rules) {
      int member = rule.memberOf(in.type(), in.rule());
      if (member < 0) {
        continue;
      }
      if (rule.kind() == AlarmRule.Kind.OUTAGE) {
        outage(b, rule, in, place);
      } else if (!linked && rule.atNight(in.begin(), props.zone())) {
        linked = allOf(b, rule, member, a, in, place);
      }
    }
    return linked;
  }

  private boolean allOf(AlarmBatch b, AlarmRule rule, int member, AlarmRepository.Active a,
      AlarmInput in, AlarmPlaces.Place place) {
    // the partner query and linkIfUnlinked read incident_id: this batch's links first
    alarms.setIncidents(b.links);
    b.links.clear();
    List<Partner> partners = new ArrayList<>();
    for (int i = 0; i < rule.members().size(); i++) {
      if (i == member) {
        continue;
      }
      Partner p = partner(rule, rule.members().get(i), a.id, in);
      if (p == null) {
        return false;
      }
      partners.add(p);
    }
    Long target = partners.stream().map(Partner::incidentId).filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
    AlarmIncidents.Outcome o = target == null
        ? incidents.create("rule:" + rule.name() + ":" + a.id, in, rule.category(),
            rule.priority(), place)
        : incidents.attach(target, "alarm:" + a.id, in.gatewayId(), in.deviceId(), in.begin(),
            rule.category(), rule.priority(), place, rule.name());
    if (o.incidentId() == null) {
      return false;
    }
    metrics.incident(target == null ? "created" : "linked");
    target = o.incidentId();
    a.incidentId = target;
    b.link(a.id, target, null, rule.name());
    b.history(a.id, "CORRELATED", in, "rule " + rule.name() + ": incident " + target);
    for (Partner p : partners) {
      if (alarms.linkIfUnlinked(p.id(), target, rule.name())) {
        // an alarm without an incident of its own (e.g. a temperature rise) joins the
        // incident's alarm list too
        incidents.attach(target, "alarm:" + p.id(), in.gatewayId(), p.deviceId(), p.firstAt(),
            rule.category(), rule.priority(), place, rule.name());
        b.history(p.id(), "CORRELATED", null, "rule " + rule.name() + " with alarm " + a.id
            + ": incident " + target);
      }
    }
    jdbc.update("INSERT INTO alarm_rule_hit (rule, gateway_id, alarm_id, partner_id, "
        + "incident_id, at) VALUES (?, ?, ?, ?, ?, ?)", rule.name(), in.gatewayId(), a.id,
        partners.get(0).id(), target, ts(b.now));
    metrics.ruleHit(rule.name());
    return true;
  }

  /** The latest alarm of {@code m} on the gateway within the window around {@code in}. */
  private Partner partner(AlarmRule rule, AlarmRule.Member m, long self, AlarmInput in) {
    // one index-ordered scan of ix_alarm_gateway_type (gateway, type, first_at) per type: with
    // "type IN (...) ORDER BY first_at DESC LIMIT 50" PostgreSQL's generic plan walked
    // ix_alarm_first backwards through every gateway's alarms of the window (3 ms a query under
    // the incident benchmark); this form leaves the planner nothing better than the gateway index
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT id, incident_id, type, rule, device_id, first_at "
        + "FROM (");
    for (String type : m.types()) {
      if (!args.isEmpty()) {
        sql.append(" UNION ALL ");
      }
      sql.append("(SELECT id, incident_id, type, rule, device_id, first_at FROM alarm "
          + "WHERE gateway_id = ? AND type = ? AND first_at BETWEEN ? AND ? AND id <> ? "
          + "AND false_at IS NULL ORDER BY first_at DESC, id DESC LIMIT 50)");
      args.add(in.gatewayId());
      args.add(type);
      args.add(ts(in.begin().minus(rule.window())));
      args.add(ts(in.begin().plus(rule.window())));
      args.add(self);
    }
    sql.append(") t ORDER BY first_at DESC, id DESC LIMIT 50");
    List<Object[]> rows = jdbc.query(sql.toString(),
        (rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()}, args.toArray());
    for (Object[] r : rows) {
      // the type is matched in SQL, the metric (named by the edge rule) here
      if (m.matches((String) r[2], (String) r[3])) {
        return new Partner((Long) r[0], (Long) r[1], (String) r[4], (Instant) r[5]);
      }
    }
    return null;
  }

  private void outage(AlarmBatch b, AlarmRule rule, AlarmInput in, AlarmPlaces.Place place) {
    List<String> types = List.copyOf(rule.members().get(0).types());
    String marks = String.join(",", java.util.Collections.nCopies(types.size(), "?"));
    List<Object> args = new ArrayList<>();
    args.add(in.gatewayId());
    args.addAll(types);
    args.add(ts(in.begin().minus(rule.window())));
    Integer devices = jdbc.queryForObject("SELECT COUNT(DISTINCT device_id) FROM alarm WHERE "
        + "gateway_id = ? AND type IN (" + marks + ") AND state = 'ACTIVE' AND first_at >= ?",
        Integer.class, args.toArray());
    if (devices == null || devices < rule.minDevices()) {
      return;
    }
    Long open = openOutage(in.gatewayId());
    if (open == null) {
      try {
        open = savepoint.execute(s -> {
          org.springframework.jdbc.support.GeneratedKeyHolder key =
              new org.springframework.jdbc.support.GeneratedKeyHolder();
          jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO alarm_outage (gateway_id, grid_code, rule, "
                + "active_key, devices, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"});
            ps.setString(1, in.gatewayId());
            ps.setString(2, place.gridCode());
            ps.setString(3, rule.name());
            ps.setString(4, in.gatewayId());
            ps.setInt(5, devices);
            ps.setTimestamp(6, ts(in.begin()));
            ps.setTimestamp(7, ts(in.begin()));
            return ps;
          }, key);
          return key.getKey().longValue();
        });
        metrics.ruleHit(rule.name());
      } catch (DuplicateKeyException e) {
        open = openOutage(in.gatewayId());
      }
    }
    jdbc.update("UPDATE alarm_outage SET devices = GREATEST(devices, ?), last_at = GREATEST("
        + "last_at, ?) WHERE id = ?", devices, ts(in.begin()), open);
    args.set(args.size() - 1, ts(in.begin().minus(rule.window())));
    List<Object> link = new ArrayList<>();
    link.add(open);
    link.add(rule.name());
    link.addAll(args);
    jdbc.update("UPDATE alarm SET outage_id = ?, correlation = ? WHERE gateway_id = ? AND type IN ("
        + marks + ") AND state = 'ACTIVE' AND first_at >= ? AND outage_id IS NULL",
        link.toArray());
  }

  private Long openOutage(String gatewayId) {
    return jdbc.queryForList("SELECT id FROM alarm_outage WHERE active_key = ?", Long.class,
        gatewayId).stream().findFirst().orElse(null);
  }

  /** An alarm of an outage type ended: the outage closes when none of its alarms is active. */
  void onEnd(AlarmBatch b, AlarmInput in) {
    for (AlarmRule rule : rules) {
      if (rule.kind() != AlarmRule.Kind.OUTAGE || rule.memberOf(in.type(), in.rule()) < 0) {
        continue;
      }
      Long open = openOutage(in.gatewayId());
      if (open == null) {
        return;
      }
      Integer active = jdbc.queryForObject("SELECT COUNT(*) FROM alarm WHERE outage_id = ? AND "
          + "state = 'ACTIVE'", Integer.class, open);
      if (active != null && active == 0) {
        jdbc.update("UPDATE alarm_outage SET active_key = NULL, end_at = ? WHERE id = ?",
            ts(in.end()), open);
      }
      return;
    }
  }

  /** Hits per rule, from the database (every hub instance's). */
  java.util.Map<String, Long> hits() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    jdbc.query("SELECT rule, COUNT(*) FROM alarm_rule_hit GROUP BY rule",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        });
    jdbc.query("SELECT rule, COUNT(*) FROM alarm_outage GROUP BY rule",
        rs -> {
          out.merge(rs.getString(1), rs.getLong(2), Long::sum);
        });
    return out;
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
