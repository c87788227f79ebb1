package org.gridguard.edge.spool;

import java.util.concurrent.CompletableFuture;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;

/**
 * Where every pipeline stage (MQTT mapping, edge rules, video detectors) hands over what must
 * reach the hub. The spool assigns the lane from the record's body (telemetry → BULK, the rest
 * → PRIORITY, evidence → EVIDENCE; PROTOCOL.md §4.1) and the lane's next sequence; any
 * sequence already set on the argument is ignored.
 *
 * <p>Implementations never block the caller on disk I/O: the returned future completes once
 * the item is durable (fsynced by the group commit), or exceptionally when the spool refused
 * it (disk budget exhausted for its lane, spool closed). Callers that must not lose an item
 * they have acknowledged upstream (the MQTT source acking QoS 1 messages) wait for the
 * future; detectors may fire and forget.
 */
public interface SpoolSink {
  /**
   * Appends one record.
   *
   * @return completes with the assigned sequence once durable
   */
  CompletableFuture<Long> append(Record record);

  /**
   * Appends one evidence chunk (lane EVIDENCE).
   *
   * @return completes with the assigned sequence once durable
   */
  CompletableFuture<Long> appendEvidence(EvidenceChunk chunk);
}
