package org.gridguard.hub.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the lines InfluxDB refuses in a request it answered 400/413/422, by writing halves until
 * each refused line stands alone. Lines that are accepted on the way are written (InfluxDB 1.x
 * also keeps the good lines of a partial write; writing them again overwrites, not duplicates).
 */
final class RejectedLineFinder {
  /** A retrying write: returns Written or Rejected. */
  interface Writer {
    WriteOutcome write(List<String> lines) throws InterruptedException;
  }

  private record Owned(String gatewayId, String line) {}

  private RejectedLineFinder() {}

  static List<DeadLetterRepository.Entry> find(List<TelemetryBatch> batches,
      WriteOutcome.Rejected first, Writer writer) throws InterruptedException {
    List<Owned> owned = new ArrayList<>();
    for (TelemetryBatch batch : batches) {
      if (batch.points() > 0) {
        for (String line : batch.lines().split("\n")) {
          owned.add(new Owned(batch.gatewayId(), line));
        }
      }
    }
    List<DeadLetterRepository.Entry> refused = new ArrayList<>();
    split(owned, first, writer, refused);
    return refused;
  }

  private static void split(List<Owned> lines, WriteOutcome.Rejected why, Writer writer,
      List<DeadLetterRepository.Entry> refused) throws InterruptedException {
    if (lines.size() == 1) {
      refused.add(new DeadLetterRepository.Entry(lines.get(0).gatewayId(), lines.get(0).line(),
          why.reason()));
      return;
    }
    int mid = lines.size() / 2;
    for (List<Owned> half : List.of(lines.subList(0, mid), lines.subList(mid, lines.size()))) {
      WriteOutcome outcome = writer.write(half.stream().map(Owned::line).toList());
      if (outcome instanceof WriteOutcome.Rejected r) {
        split(half, r, writer, refused);
      }
    }
  }
}
