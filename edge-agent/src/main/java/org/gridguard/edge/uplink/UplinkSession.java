package org.gridguard.edge.uplink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.edge.spool.SpoolEntry;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.protocol.ProtocolFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending state of one connection: credit, the next sequence to send per lane and the hub's
 * frame limit. Used only on the uplink's sender thread (never the event loop), because it reads
 * the spool from disk.
 */
final class UplinkSession {
  private static final Logger log = LoggerFactory.getLogger(UplinkSession.class);
  private static final List<Lane> ORDER = List.of(Lane.PRIORITY, Lane.EVIDENCE, Lane.BULK);
  /** What this edge lists in Hello.features (PROTOCOL.md §9). */
  static final List<String> FEATURES = List.of(ProtocolFeatures.EVIDENCE_V1);

  private final Channel channel;
  private final Spool spool;
  private final int batchRecords;
  private final Metrics metrics;
  private final Map<Lane, Long> nextSend = new EnumMap<>(Lane.class);
  private long credit;
  /** Credit only PRIORITY may spend (PROTOCOL.md §6), so telemetry the hub cannot take yet
   * never leaves alarms without credit. */
  private long priorityReserve;
  private int hubMaxFrame = FrameFormat.DEFAULT_MAX_FRAME_SIZE;
  private boolean evidenceAllowed;
  private boolean open;
  private long openedAtNanos;

  UplinkSession(Channel channel, Spool spool, int batchRecords, Metrics metrics) {
    this.channel = channel;
    this.spool = spool;
    this.batchRecords = batchRecords;
    this.metrics = metrics;
  }

  Channel channel() {
    return channel;
  }

  boolean open() {
    return open;
  }

  long openedAtNanos() {
    return openedAtNanos;
  }

  long credit() {
    return credit;
  }

  /** The session is open: resend everything above the hub's committed sequences (§3.3). */
  void opened(HelloAck ack) {
    Map<Lane, Long> committed = new EnumMap<>(Lane.class);
    for (LaneSequence ls : ack.getCommittedList()) {
      committed.put(ls.getLane(), ls.getSequence());
    }
    for (Lane lane : ORDER) {
      long c = committed.getOrDefault(lane, 0L);
      if (c > 0) {
        spool.acknowledge(lane, c);
      }
      nextSend.put(lane, c + 1);
    }
    credit = ack.getInitialCredit();
    priorityReserve = priorityReserve(ack.getInitialCredit());
    hubMaxFrame = ack.getMaxFrameSize() == 0 ? FrameFormat.DEFAULT_MAX_FRAME_SIZE
        : ack.getMaxFrameSize();
    evidenceAllowed = ProtocolFeatures.shared(FEATURES, ack.getFeaturesList())
        .contains(ProtocolFeatures.EVIDENCE_V1);
    open = true;
    openedAtNanos = System.nanoTime();
    log.info("uplink session {} open: committed {}, credit {}, hub max frame {}",
        ack.getSessionId(), committed, credit, hubMaxFrame);
  }

  /** An eighth of the initial credit, at most 256 items, at least 1 when there is credit. */
  static long priorityReserve(long initialCredit) {
    return initialCredit <= 1 ? 0 : Math.max(1, Math.min(256, initialCredit / 8));
  }

  void addCredit(long n) {
    credit += n;
  }

  /**
   * Sends what credit and the channel allow, one batch at a time, always looking at PRIORITY
   * first so a new alarm waits for at most one batch of backlog (§4.1 pacing); EVIDENCE and
   * BULK leave the {@link #priorityReserve} of the credit to PRIORITY (§6).
   */
  void pump() throws IOException {
    if (!open || !channel.isActive()) {
      return;
    }
    boolean wrote = false;
    while (credit > 0 && channel.isWritable()) {
      boolean sent = false;
      for (Lane lane : ORDER) {
        if (lane == Lane.EVIDENCE && !evidenceAllowed) {
          continue;
        }
        if (spool.durableSequence(lane) < nextSend.get(lane)) {
          continue;
        }
        long usable = lane == Lane.PRIORITY ? credit : credit - priorityReserve;
        if (usable <= 0) {
          continue;
        }
        int max = (int) Math.min(usable, lane == Lane.EVIDENCE ? 1 : batchRecords);
        List<SpoolEntry> items = spool.read(lane, nextSend.get(lane), max,
            hubMaxFrame - FrameFormat.HEADER_SIZE - 16);
        if (items.isEmpty()) {
          continue;
        }
        nextSend.put(lane, items.get(items.size() - 1).sequence() + 1);
        if (send(lane, items)) {
          credit -= items.size();
          sent = true;
          wrote = true;
          break;
        }
      }
      if (!sent) {
        break;
      }
    }
    if (wrote) {
      channel.flush();
    }
  }

  private boolean send(Lane lane, List<SpoolEntry> items) {
    if (lane == Lane.EVIDENCE) {
      SpoolEntry e = items.get(0);
      if (e.payload().length > hubMaxFrame) {
        skipOversize(lane, e);
        return false;
      }
      channel.write(BatchFrames.evidence(channel.alloc(), e), channel.voidPromise());
    } else {
      if (BatchFrames.batchPayloadSize(lane, items) > hubMaxFrame) {
        skipOversize(lane, items.get(0));
        return false;
      }
      ByteBuf frame = BatchFrames.batch(channel.alloc(), lane, items);
      channel.write(frame, channel.voidPromise());
    }
    metrics.counter("uplink.frames").increment();
    metrics.counter("uplink.items_sent").add(items.size());
    return true;
  }

  private void skipOversize(Lane lane, SpoolEntry e) {
    // Cannot ever fit this hub's frame limit; holding it would block the lane forever.
    metrics.counter("uplink.oversize_skipped").increment();
    log.error("uplink: lane {} item {} of {} bytes exceeds the hub's maximum frame size {}; "
        + "skipped (it stays in the spool until the lane's cursor passes it)", lane,
        e.sequence(), e.payload().length, hubMaxFrame);
  }
}
