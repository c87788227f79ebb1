package org.gridguard.hub.device;

/** Derived health of a gateway or device; never set by hand. */
public enum HealthState { ONLINE, DEGRADED, OFFLINE }
