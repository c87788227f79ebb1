package org.gridguard.hub.device;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a gateway's edge profile: judged ({@link EdgeProfileValidator}), stored, audited
 * ({@code gateway.edge_profile.update}, saying which parts changed — never the YAML), and after
 * the commit the gateway's configuration is re-assembled and pushed ({@link ConfigChanges}), as
 * for a device write. A profile equal to the stored one changes nothing.
 */
@Component
class EdgeProfiles {
  static final String AUDIT_ACTION = "gateway.edge_profile.update";

  private final EdgeProfileValidator validator;
  private final EdgeProfileRepository profiles;
  private final ConfigChanges changes;
  private final AuditLog audit;
  private final Clock clock;

  EdgeProfiles(EdgeProfileValidator validator, EdgeProfileRepository profiles,
      ConfigChanges changes, AuditLog audit, Clock clock) {
    this.validator = validator;
    this.profiles = profiles;
    this.changes = changes;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param gateway resolved in the caller's scope
   * @throws InvalidProfileException with every problem; nothing is stored
   */
  @Transactional
  EdgeProfile save(HubPrincipal caller, String address, Gateway gateway, EdgeProfileInput input) {
    EdgeProfileValidator.Checked checked = validator.check(input.mappingPresets(),
        input.mappingRules(), input.deviceTypeRules());
    profiles.lock(gateway.id()); // the change is judged against what the previous writer stored
    EdgeProfile before = profiles.of(gateway.id());
    List<String> changed = changes(before, checked);
    if (changed.isEmpty()) {
      return before;
    }
    EdgeProfile after = new EdgeProfile(gateway.id(), checked.mappingPresets(),
        checked.mappingRules(), checked.deviceTypeRules(), clock.instant(), caller.username());
    profiles.store(after, after.updatedAt(), caller.username());
    audit.record(new AuditEntry(caller.username(), address, AUDIT_ACTION, "gateway",
        gateway.id(), AuditEntry.SUCCESS, null, null, String.join("; ", changed)));
    changes.changed(gateway.id());
    return after;
  }

  /** What changed, for the audit detail: preset names and rule counts, no YAML. */
  private static List<String> changes(EdgeProfile before, EdgeProfileValidator.Checked after) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(before.mappingPresets(), after.mappingPresets())) {
      out.add("mapping presets " + presets(before.mappingPresets()) + " → "
          + presets(after.mappingPresets()));
    }
    if (!Objects.equals(before.mappingRules(), after.mappingRules())) {
      out.add("mapping rules " + (after.mappingRules() == null ? "no longer managed (the "
          + "gateway's file decides)" : before.mappingRules() == null ? "now managed" : "changed")
          + (after.mappingRules() == null ? "" : ", " + after.ruleCount() + " rule(s)"));
    }
    if (!Objects.equals(before.deviceTypeRules(), after.deviceTypeRules())) {
      out.add("device-type rules " + (after.deviceTypeRules() == null ? "no longer managed (the "
          + "gateway's file decides)" : before.deviceTypeRules() == null ? "now managed"
          : "changed") + (after.deviceTypeRules() == null ? ""
          : ", " + after.deviceTypeCount() + " device type(s)"));
    }
    return out;
  }

  private static String presets(List<String> names) {
    return names == null ? "not managed" : names.toString();
  }
}
