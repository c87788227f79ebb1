package org.gridguard.hub.audit;

/**
 * The append-only audit log (who, when, from where, what). Implementations write in the
 * caller's transaction when there is one, so a change and its audit line commit together.
 * Entries are never updated or deleted by the application except by retention.
 */
public interface AuditLog {
  void record(AuditEntry entry);

  /** Records several entries, in order (one batch where the implementation can). */
  default void recordAll(java.util.List<AuditEntry> entries) {
    entries.forEach(this::record);
  }
}
