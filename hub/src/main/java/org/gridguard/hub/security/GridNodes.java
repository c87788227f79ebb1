package org.gridguard.hub.security;

/**
 * The grid nodes that exist, as far as granting scope needs to know. Implemented by the grid
 * feature ({@code org.gridguard.hub.grid.GridRepository}), so that security, which the features
 * build on, does not depend on one of them.
 */
public interface GridNodes {
  /** Whether the node exists, whoever may see it. */
  boolean exists(String code);
}
