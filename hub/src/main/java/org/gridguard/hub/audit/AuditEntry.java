package org.gridguard.hub.audit;

import java.util.Objects;

/**
 * One line of the audit log, as a caller hands it in. Time and id are added when it is written.
 *
 * @param actor username, {@code gateway:<id>} or {@code system}; never a secret
 * @param address the client's IP address, or null
 * @param action dotted verb, e.g. {@code auth.sign-in}, {@code gateway.register},
 *     {@code token.revoke}, {@code evidence.view}
 * @param objectType e.g. {@code user}, {@code gateway}, {@code grid}; null if none
 * @param objectId the object's id; null if none
 * @param outcome {@code SUCCESS} or {@code FAILURE}
 * @param before JSON of a changed setting before the change, or null
 * @param after JSON after the change, or null
 * @param detail short free text (reason of a failure, …), or null
 */
public record AuditEntry(String actor, String address, String action, String objectType,
    String objectId, String outcome, String before, String after, String detail) {
  public static final String SUCCESS = "SUCCESS";
  public static final String FAILURE = "FAILURE";

  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
  }

  public static AuditEntry success(String actor, String address, String action, String objectType,
      String objectId) {
    return new AuditEntry(actor, address, action, objectType, objectId, SUCCESS, null, null, null);
  }

  public static AuditEntry failure(String actor, String address, String action, String objectType,
      String objectId, String detail) {
    return new AuditEntry(actor, address, action, objectType, objectId, FAILURE, null, null, detail);
  }

  public AuditEntry withChange(String beforeJson, String afterJson) {
    return new AuditEntry(actor, address, action, objectType, objectId, outcome, beforeJson,
        afterJson, detail);
  }
}
