package org.gridguard.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.units.Ucum;

/**
 * Warnings {@code --check} prints about a valid config that is probably not what the
 * technician meant (problems that are surely wrong are refused by the parsers instead): a
 * mapped metric no rule of its device type watches while that type has rules (a typo such as
 * {@code smoke} for {@code smoke_density}), and a watched reading mapped without a unit (the
 * rule then compares it as it comes), and a unit that is UCUM syntax but outside the table of
 * known units ({@link Ucum}; syntactically invalid units are refused by the parsers).
 */
final class MappingChecks {
  private MappingChecks() {}

  static List<String> warnings(AgentConfig config) {
    List<String> out = new ArrayList<>();
    MappingConfig mapping = config.mapping();
    if (mapping == null) {
      return out;
    }
    for (MappingConfig.MappedMetric m : mapping.mappedMetrics(mapping.presetRuleCount())) {
      Map<String, String> watched = config.rules().watchedMetrics(m.deviceType(),
          m.rulesProfile());
      boolean typeHasOwnRules = watched.keySet().stream().anyMatch(k -> !k.equals("battery"));
      String unit = watched.get(m.metric());
      if (unit == null && typeHasOwnRules) {
        out.add("mapping rule '" + m.rule() + "': metric '" + m.metric() + "' of device type '"
            + m.deviceType() + "' is watched by no rule (its rules watch " + watched.keySet()
            + "); charted only — a typo?");
      } else if (unit != null && !unit.isEmpty() && m.unit().isEmpty()) {
        out.add("mapping rule '" + m.rule() + "': metric '" + m.metric() + "' has no unit; the "
            + "rules expect " + unit + " and compare it as it comes (add unit: " + unit + ")");
      }
    }
    for (MappingConfig.UnitUse u : mapping.declaredUnits()) {
      String warning = Ucum.warning(u.unit());
      if (warning != null) {
        out.add(u.path() + ": mapping rule '" + u.rule() + "', metric '" + u.metric() + "': "
            + warning + "; kept as written — a typo?");
      }
    }
    return out;
  }
}
