package org.gridguard.edge.spool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gridguard.protocol.v1.Lane;

/**
 * Reads durable items of one lane for the uplink. Remembers where the last read stopped, so a
 * sequential reader does not rescan its segment; a segment that has since been deleted is simply
 * no longer in the list. Called under the lane's lock.
 */
final class LaneReader {
  private final Lane lane;
  private final int maxRecordBytes;
  private Segment cacheSegment;
  private long cachePosition;
  private long cacheSequence;

  LaneReader(Lane lane, int maxRecordBytes) {
    this.lane = lane;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * Durable items with sequence ≥ {@code fromSequence}, ascending, at most {@code maxItems} and
   * {@code maxBytes} (framed), but at least one if any is available.
   */
  List<SpoolEntry> read(List<Segment> segments, long fromSequence, int maxItems, long maxBytes)
      throws IOException {
    List<SpoolEntry> out = new ArrayList<>();
    long[] budget = {maxBytes};
    int index = 0;
    while (index < segments.size() && segments.get(index).durableLastSequence() < fromSequence) {
      index++;
    }
    long want = fromSequence;
    for (; index < segments.size() && out.size() < maxItems && budget[0] >= 0; index++) {
      Segment s = segments.get(index);
      long limit = s.durableSize();
      if (s.durableLastSequence() < s.firstSequence()) {
        continue;
      }
      long pos = 0;
      long seq = s.firstSequence();
      if (s == cacheSegment && cacheSequence <= want && cacheSequence >= s.firstSequence()) {
        pos = cachePosition;
        seq = cacheSequence;
      }
      final long skipBelow = want;
      SegmentFormat.ScanResult r = SegmentFormat.scan(s.reader(), pos, limit, seq,
          maxRecordBytes, (sq, payload, p) -> {
            if (sq < skipBelow) {
              return true;
            }
            if (out.size() >= maxItems
                || (!out.isEmpty() && payload.remaining() + SegmentFormat.HEADER > budget[0])) {
              budget[0] = -1; // full: stop here and in later segments
              return false;
            }
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            out.add(new SpoolEntry(lane, sq, bytes));
            budget[0] -= bytes.length + SegmentFormat.HEADER;
            return true;
          });
      if (!r.clean()) {
        throw new IOException("spool lane " + lane + " segment " + s.path().getFileName()
            + ": " + r.problem());
      }
      cacheSegment = s;
      cachePosition = r.end();
      cacheSequence = r.nextSequence();
      if (!out.isEmpty()) {
        want = out.get(out.size() - 1).sequence() + 1;
      }
    }
    return out;
  }
}
