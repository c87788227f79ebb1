package org.gridguard.hub.security;

/**
 * What a user may do. A user has one or more roles and, separately, a grid scope (where).
 * The Spring Security authority of a role is {@code ROLE_<name>}.
 */
public enum Role {
  /** System administration: users, grids, every setting (a town-level admin only in its town). */
  ADMIN,
  /** Governance centre duty officer (值班长) and dispatcher (派遣员). */
  DISPATCHER,
  /** Field technician (运维): gateways, devices, credentials, device health. */
  TECHNICIAN,
  /** Security patrol member (巡防队员): their tasks, on a phone. */
  PATROL,
  /** Grid member (网格员): reports and follows incidents in their grid. */
  GRID_MEMBER,
  /** Read-only leadership view. */
  VIEWER;

  public String authority() {
    return "ROLE_" + name();
  }
}
