package org.gridguard.hub.device;

/** Derived health of a gateway or device; never set by hand. */
public enum HealthState {
  ONLINE, DEGRADED, OFFLINE;

  /** The cause of a device that is OFFLINE because its gateway is (its gateway's order covers it). */
  public static final String BY_GATEWAY = "gateway offline";
}
