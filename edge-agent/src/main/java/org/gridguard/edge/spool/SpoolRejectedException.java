package org.gridguard.edge.spool;

/** The spool refused an item: closed, write queue full, item too large, or over the budget. */
public final class SpoolRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpoolRejectedException(String message) {
    super(message);
  }
}
