package org.gridguard.edge.spool;

import org.gridguard.protocol.v1.Lane;

/**
 * One durable item read back from the spool: the serialised {@code Record} (lanes PRIORITY and
 * BULK) or {@code EvidenceChunk} (lane EVIDENCE), with its sequence already set.
 */
public record SpoolEntry(Lane lane, long sequence, byte[] payload) {
  public SpoolEntry {
    if (lane == null || payload == null || sequence < 1) {
      throw new IllegalArgumentException("lane, payload and a sequence >= 1 are required");
    }
  }
}
