package org.gridguard.protocol;

/** The two ends of a GridGuard connection. */
public enum Peer {
  /** The central hub: accepts connections, receives uplink data. */
  HUB,
  /** The edge agent on a village gateway: connects, sends uplink data. */
  EDGE
}
