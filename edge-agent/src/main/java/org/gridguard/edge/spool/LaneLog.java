package org.gridguard.edge.spool;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.gridguard.protocol.v1.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segmented log of one lane. Structure changes (append, roll, delete, drop) happen on the
 * spool's writer thread; reads come from the uplink's thread. The segment list is guarded by
 * {@link #lock}, held by readers for the duration of one read and by the writer only while it
 * changes the list (rolls, deletions) — never while it writes or fsyncs — so readers never hold
 * up appends.
 */
final class LaneLog {
  private static final Logger log = LoggerFactory.getLogger(LaneLog.class);

  private final Lane lane;
  private final Path dir;
  private final SpoolConfig config;
  private final Object lock = new Object();
  private final List<Segment> segments = new ArrayList<>();
  private final AtomicLong acked;
  private final ByteBuffer pending;
  private long pendingLastSequence;
  private long nextSequence;
  private volatile long bytes;
  private long truncatedBytes;
  private volatile long durableSequence;

  private final LaneReader reader;

  private LaneLog(Lane lane, Path dir, SpoolConfig config, long ackedCursor) {
    this.lane = lane;
    this.dir = dir;
    this.config = config;
    this.acked = new AtomicLong(ackedCursor);
    this.reader = new LaneReader(lane, config.maxRecordBytes());
    this.pending = ByteBuffer.allocateDirect(
        (int) Math.min(config.segmentBytes(), Math.max(1 << 20, 2L * config.maxRecordBytes()
            + SegmentFormat.HEADER)));
  }

  /** Opens (recovering) or creates the lane's log under {@code dir}. */
  static LaneLog open(Lane lane, Path dir, SpoolConfig config, long ackedCursor)
      throws IOException {
    Files.createDirectories(dir);
    LaneLog l = new LaneLog(lane, dir, config, ackedCursor);
    l.recover();
    return l;
  }

  private void recover() throws IOException {
    List<Long> firsts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(Segment.SUFFIX)) {
          try {
            firsts.add(Long.parseLong(name.substring(0, name.length() - Segment.SUFFIX.length())));
          } catch (NumberFormatException e) {
            log.warn("spool lane {}: ignoring unexpected file {}", lane, p);
          }
        }
      }
    }
    firsts.sort(null);
    long next = Math.max(1, acked.get() + 1);
    for (long first : firsts) {
      Path path = Segment.pathFor(dir, first);
      long size = Files.size(path);
      SegmentFormat.ScanResult result;
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ,
          StandardOpenOption.WRITE)) {
        result = SegmentFormat.scan(ch, 0, size, first, config.maxRecordBytes(),
            (seq, payload, pos) -> true);
        if (!result.clean()) {
          log.warn("spool lane {}: {} in {}; cutting the segment there ({} bytes dropped)",
              lane, result.problem(), path.getFileName(), size - result.end());
          ch.truncate(result.end());
          ch.force(true);
          truncatedBytes += size - result.end();
          size = result.end();
        }
      }
      long last = result.nextSequence() - 1;
      segments.add(Segment.existing(path, first, size, last));
      next = Math.max(next, Math.max(first, last + 1));
    }
    // Segments wholly acknowledged (except the last, which is kept to remember the sequence).
    for (int i = segments.size() - 2; i >= 0; i--) {
      Segment s = segments.get(i);
      if (s.lastSequence() <= acked.get() || s.isEmpty()) {
        s.delete();
        segments.remove(i);
      }
    }
    nextSequence = next;
    if (segments.isEmpty()) {
      segments.add(Segment.create(dir, nextSequence));
      SpoolFiles.forceDirectory(dir);
    } else {
      Segment last = segments.get(segments.size() - 1);
      if (last.lastSequence() + 1 == nextSequence) {
        last.openForAppend();
      } else {
        startSegment();
      }
    }
    long total = 0;
    for (Segment s : segments) {
      total += s.size();
    }
    bytes = total;
    durableSequence = nextSequence - 1;
  }

  Lane lane() {
    return lane;
  }

  long nextSequence() {
    return nextSequence;
  }

  long durableSequence() {
    return durableSequence;
  }

  long ackedSequence() {
    return acked.get();
  }

  long bytes() {
    return bytes;
  }

  long truncatedBytes() {
    return truncatedBytes;
  }

  int segmentCount() {
    synchronized (lock) {
      return segments.size();
    }
  }

  /** Raises the acknowledged cursor (never lowers it). */
  void acknowledge(long sequence) {
    acked.accumulateAndGet(sequence, Math::max);
  }

  private Segment active() {
    return segments.get(segments.size() - 1);
  }

  // ---- writer thread ------------------------------------------------------------------------

  /** Appends one item (buffered until {@link #flush}); returns its sequence. */
  long append(byte[] unsequenced) throws IOException {
    int frame = SegmentFormat.frameSize(unsequenced.length + SEQUENCE_FIELD_MAX);
    long ack = acked.get();
    if (nextSequence <= ack) {
      // The hub holds more than this spool ever wrote (e.g. spool restored from a backup):
      // never reuse a sequence it has, or it would discard the new item as a replay.
      log.warn("spool lane {}: hub committed {} beyond the last sequence {}; continuing at {}",
          lane, ack, nextSequence - 1, ack + 1);
      flush();
      nextSequence = ack + 1;
      rollTo(nextSequence);
    } else if (active().size() + pending.position() + frame > config.segmentBytes()
        && (active().size() > 0 || pending.position() > 0)) {
      flush();
      rollTo(nextSequence);
    }
    if (pending.remaining() < frame) {
      flush();
    }
    long seq = nextSequence++;
    byte[] payload = withSequence(seq, unsequenced);
    frame = SegmentFormat.frameSize(payload.length);
    SegmentFormat.write(pending, seq, payload);
    pendingLastSequence = seq;
    bytes += frame;
    return seq;
  }

  /** Room for field 1 (tag byte + varint). */
  private static final int SEQUENCE_FIELD_MAX = 11;

  /**
   * Prepends protobuf field 1 ({@code sequence}, varint) to a serialised Record or
   * EvidenceChunk that has none, so the stored bytes are the sequenced message as sent.
   */
  static byte[] withSequence(long sequence, byte[] unsequenced) {
    int n = CodedOutputStream.computeUInt64SizeNoTag(sequence);
    byte[] out = new byte[1 + n + unsequenced.length];
    out[0] = 0x08;
    try {
      CodedOutputStream.newInstance(out, 1, n).writeUInt64NoTag(sequence);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    System.arraycopy(unsequenced, 0, out, 1 + n, unsequenced.length);
    return out;
  }

  /** Writes buffered items to the active segment (no fsync). */
  void flush() throws IOException {
    if (pending.position() == 0) {
      return;
    }
    pending.flip();
    active().write(pending, pendingLastSequence);
    pending.clear();
  }

  boolean dirty() {
    return pending.position() > 0 || active().dirty();
  }

  /** fsyncs the active segment and publishes everything written to readers. */
  void force() throws IOException {
    flush();
    active().force();
    durableSequence = active().isEmpty() ? nextSequence - 1 : active().lastSequence();
  }

  private void rollTo(long firstSequence) throws IOException {
    Segment old = active();
    old.seal();
    Segment fresh = Segment.create(dir, firstSequence);
    SpoolFiles.forceDirectory(dir);
    synchronized (lock) {
      if (old.isEmpty()) {
        segments.remove(segments.size() - 1);
        old.delete();
      }
      segments.add(fresh);
    }
  }

  private void startSegment() throws IOException {
    rollTo(nextSequence);
  }

  /** Deletes sealed segments whose every item is at or below {@code cursor}. */
  int deleteThrough(long cursor) throws IOException {
    List<Segment> gone = new ArrayList<>();
    synchronized (lock) {
      while (segments.size() > 1 && segments.get(0).lastSequence() <= cursor) {
        gone.add(segments.remove(0));
      }
    }
    for (Segment s : gone) {
      bytes -= s.size();
      s.delete();
    }
    return gone.size();
  }

  /**
   * Removes the oldest segment to free space (sealing the active one first if it is the only
   * one). Returns it still on disk so the caller can count what it held, then delete it; null
   * when the lane holds nothing.
   */
  Segment detachOldest() throws IOException {
    if (segments.size() == 1) {
      if (active().size() == 0 && pending.position() == 0) {
        return null;
      }
      force();
      rollTo(nextSequence);
    }
    Segment oldest;
    synchronized (lock) {
      oldest = segments.remove(0);
    }
    bytes -= oldest.size();
    return oldest;
  }

  void close() throws IOException {
    force();
    synchronized (lock) {
      for (Segment s : segments) {
        s.close();
      }
    }
  }

  // ---- reader side ----------------------------------------------------------------------------

  /**
   * Durable items with sequence ≥ {@code fromSequence}, ascending, up to the limits (at least
   * one item if any is available, even past {@code maxBytes}).
   */
  List<SpoolEntry> read(long fromSequence, int maxItems, long maxBytes) throws IOException {
    synchronized (lock) {
      return reader.read(segments, fromSequence, maxItems, maxBytes);
    }
  }

  /** Counts, per item, what a detached segment held above the acknowledged cursor. */
  void forEachUnacked(Segment s, SegmentFormat.Visitor visitor) throws IOException {
    long cursor = acked.get();
    SegmentFormat.scan(s.reader(), 0, s.size(), s.firstSequence(), config.maxRecordBytes(),
        (seq, payload, pos) -> seq <= cursor || visitor.visit(seq, payload, pos));
  }
}
