package org.gridguard.edge.rules;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gridguard.edge.alarm.OpenAlarm;

/**
 * Swaps the rules of the devices the evaluator knows for a new {@link RulesConfig} (a pushed
 * {@code rules.devices} or {@code rules.device_types}), keeping what it learned about them
 * (last seen, doors, rates) and their open alarms. A device's rules are resolved again (its
 * own entry, else its type's, else the built-in ones). An open alarm whose rule the device no
 * longer has — a threshold, rate, silence, held-door or denial rule removed from it or from its
 * type — gets its END at once (it could never end otherwise); one whose rule is still there,
 * with new levels perhaps (a type's threshold removed where a built-in one of the same metric
 * exists), goes on and ends when the new levels say so. Alarms that devices raise themselves (door forced, smoke …) are not
 * rules of the file and stay open. Rules thread only.
 */
final class RulesReload {
  private RulesReload() {
  }

  /** @return how many alarms were ended */
  static int apply(Map<String, DeviceState> devices, RulesConfig config, AlarmBook alarms,
      long nowMs, String why) {
    int ended = 0;
    for (DeviceState d : devices.values()) {
      DeviceRules now = config.rulesFor(d.deviceId, d.type, d.profile);
      if (now.equals(d.rules)) {
        continue;
      }
      Set<String> gone = ruleNames(d.rules);
      gone.removeAll(ruleNames(now));
      d.rules = now;
      d.breaches.keySet().retainAll(now.thresholdsOrEmpty());
      if (gone.isEmpty()) {
        continue;
      }
      for (OpenAlarm o : alarms.openOf(d.deviceId)) {
        if (gone.contains(o.rule())
            && alarms.end(o.key(), Math.max(nowMs, o.beginMs() + 1), "rule " + o.rule()
                + " removed from this device (" + why + ")")) {
          ended++;
        }
      }
    }
    return ended;
  }

  /** The rule names the alarms of these rules carry (see {@link RuleEvaluator}). */
  static Set<String> ruleNames(DeviceRules rules) {
    Set<String> names = new HashSet<>();
    rules.thresholdsOrEmpty().forEach(t -> names.add(t.ruleName()));
    rules.ratesOrEmpty().forEach(r -> names.add("rate_of_change:" + r.metric()));
    if (rules.expectedInterval() != null) {
      names.add("device_silent");
    }
    if (rules.doorHeldOpen() != null) {
      names.add("door_held_open");
    }
    if (rules.denials() != null) {
      names.add("denied_swipes");
    }
    return names;
  }
}
