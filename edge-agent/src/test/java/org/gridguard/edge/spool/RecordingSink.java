package org.gridguard.edge.spool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;

/**
 * In-memory {@link SpoolSink} for tests: keeps every record; futures complete at once, or
 * only when {@link #release} is called when built with {@code holding = true}.
 */
public final class RecordingSink implements SpoolSink {
  private final boolean holding;
  private final AtomicLong sequence = new AtomicLong();
  private final List<Record> records = new ArrayList<>();
  private final List<CompletableFuture<Long>> held = new ArrayList<>();

  public RecordingSink(boolean holding) {
    this.holding = holding;
  }

  public RecordingSink() {
    this(false);
  }

  @Override
  public CompletableFuture<Long> append(Record record) {
    long seq = sequence.incrementAndGet();
    CompletableFuture<Long> f = new CompletableFuture<>();
    synchronized (this) {
      records.add(record.toBuilder().setSequence(seq).build());
      if (holding) {
        held.add(f);
        return f;
      }
    }
    f.complete(seq);
    return f;
  }

  @Override
  public CompletableFuture<Long> appendEvidence(EvidenceChunk chunk) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("no evidence here"));
  }

  public synchronized List<Record> records() {
    return List.copyOf(records);
  }

  public synchronized int size() {
    return records.size();
  }

  /** Completes every held future. */
  public void release() {
    List<CompletableFuture<Long>> toComplete;
    synchronized (this) {
      toComplete = List.copyOf(held);
      held.clear();
    }
    toComplete.forEach(f -> f.complete(0L));
  }
}
