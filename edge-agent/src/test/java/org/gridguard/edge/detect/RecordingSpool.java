package org.gridguard.edge.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;

/** A spool fake that keeps everything in memory (the real spool is another stage's test). */
public final class RecordingSpool implements SpoolSink {
  private final List<Record> records = new ArrayList<>();
  private final List<Long> appendedAtMs = new ArrayList<>();
  private final List<EvidenceChunk> chunks = new ArrayList<>();
  private final AtomicLong seq = new AtomicLong();

  @Override
  public synchronized CompletableFuture<Long> append(Record record) {
    records.add(record);
    appendedAtMs.add(System.currentTimeMillis());
    return CompletableFuture.completedFuture(seq.incrementAndGet());
  }

  @Override
  public synchronized CompletableFuture<Long> appendEvidence(EvidenceChunk chunk) {
    chunks.add(chunk);
    return CompletableFuture.completedFuture(seq.incrementAndGet());
  }

  public synchronized List<Alarm> alarms() {
    return records.stream().filter(Record::hasAlarm).map(Record::getAlarm).toList();
  }

  public synchronized List<Record> records() {
    return List.copyOf(records);
  }

  public synchronized List<EvidenceChunk> chunks() {
    return List.copyOf(chunks);
  }

  public synchronized String describe() {
    StringBuilder sb = new StringBuilder();
    for (Record r : records) {
      Alarm a = r.getAlarm();
      sb.append(String.format("%n  t=%d %s %s %s begin=%d end=%d ev=%s %s", r.getCaptureTimeMs(),
          a.getType(), a.getPhase(), a.getZone(), a.getBeginTimeMs(), a.getEndTimeMs(),
          a.getEvidenceIdsList(), a.getDetail()));
    }
    return sb.toString();
  }
}
