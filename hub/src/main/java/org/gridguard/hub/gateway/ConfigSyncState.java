package org.gridguard.hub.gateway;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a gateway's pushed configuration stands (PROTOCOL.md §10), derived, never stored: the
 * edge runs the desired version ({@code in_sync}); the edge refused it or never answered its
 * pushes ({@code failed}); it is not connected ({@code offline}); or a push is due or under way
 * ({@code pending}). {@code failed} wins over {@code offline}: someone has to fix the registry.
 */
public enum ConfigSyncState {
  IN_SYNC, PENDING, FAILED, OFFLINE;

  /**
   * @param desired the hub's push version, 0 = none assembled yet
   * @param applied the version the edge runs (0 = none)
   * @param lastResultVersion the version of the edge's last answer, or null
   * @param lastResultOk that answer, or null
   * @param pushFailedVersion a version whose pushes went unanswered, or null
   * @param online whether the gateway is connected (to any hub instance, as far as known)
   */
  public static ConfigSyncState of(long desired, long applied, Long lastResultVersion,
      Boolean lastResultOk, Long pushFailedVersion, boolean online) {
    if (desired > 0 && applied == desired) {
      return IN_SYNC;
    }
    if (desired > 0 && lastResultVersion != null && lastResultVersion == desired
        && Boolean.FALSE.equals(lastResultOk)) {
      return FAILED;
    }
    if (desired > 0 && pushFailedVersion != null && pushFailedVersion == desired) {
      return FAILED;
    }
    return online ? PENDING : OFFLINE;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
