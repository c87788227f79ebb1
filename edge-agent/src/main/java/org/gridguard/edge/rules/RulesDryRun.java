package org.gridguard.edge.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;

/**
 * Runs the edge rules on one message offline (the {@code --map} tool): a fresh rules state,
 * the message's records evaluated together at {@code nowMs}, then one tick at
 * {@code nowMs + tickAfterMs} to show what time-based rules (debounce) would raise if the
 * device sent nothing more. Nothing persisted, nothing sent.
 */
public final class RulesDryRun {
  /** What the rules produced: alarm and device-status records, in order, and the counters. */
  public record Outcome(List<Record> onMessage, List<Record> afterTick, RulesMetrics metrics) {}

  private RulesDryRun() {}

  public static Outcome run(RulesConfig config, List<Record> records, long nowMs,
      long tickAfterMs) {
    return run(config, null, records, nowMs, tickAfterMs);
  }

  /** @param profile the mapping rule's rules profile ({@code rules:}), or null */
  public static Outcome run(RulesConfig config, String profile, List<Record> records,
      long nowMs, long tickAfterMs) {
    List<Record> out = new ArrayList<>();
    SpoolSink sink = new SpoolSink() {
      @Override
      public CompletableFuture<Long> append(Record record) {
        out.add(record);
        return CompletableFuture.completedFuture((long) out.size());
      }

      @Override
      public CompletableFuture<Long> appendEvidence(EvidenceChunk chunk) {
        return CompletableFuture.completedFuture(0L);
      }
    };
    RulesMetrics metrics = new RulesMetrics();
    AlarmBook book = new AlarmBook(sink, "dry-run", config.maxOpenAlarms(), metrics,
        UUID::randomUUID);
    RuleEvaluator evaluator = new RuleEvaluator(config, book, metrics);
    evaluator.onMessage(profile, records, nowMs);
    List<Record> first = List.copyOf(out);
    out.clear();
    evaluator.onTick(nowMs + tickAfterMs);
    return new Outcome(first, List.copyOf(out), metrics);
  }
}
