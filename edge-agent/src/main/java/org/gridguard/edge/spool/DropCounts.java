package org.gridguard.edge.spool;

/** Items the spool dropped (disk budget) since the previous report, by kind. */
public record DropCounts(long telemetry, long events, long alarms, long evidenceChunks) {
  public DropCounts {
    if (telemetry < 0 || events < 0 || alarms < 0 || evidenceChunks < 0) {
      throw new IllegalArgumentException("drop counts cannot be negative");
    }
  }

  public static final DropCounts NONE = new DropCounts(0, 0, 0, 0);

  public boolean isEmpty() {
    return telemetry == 0 && events == 0 && alarms == 0 && evidenceChunks == 0;
  }
}
