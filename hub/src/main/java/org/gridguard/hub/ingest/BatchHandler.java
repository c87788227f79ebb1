package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import org.gridguard.protocol.ProtocolException;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;

/**
 * Batches of an open session (PROTOCOL.md §4–§6): charges credit, acknowledges replays of what
 * is already received or committed without storing them, and hands new records to
 * {@link Durability}.
 */
@Sharable
final class BatchHandler extends ChannelInboundHandlerAdapter {
  private final Durability durability;
  private final IngestMetrics metrics;

  BatchHandler(Durability durability, IngestMetrics metrics) {
    this.durability = durability;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Batch batch)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Session session = Session.of(ctx.channel());
    int n = batch.getRecordsCount();
    if (!session.consumeCredit(n)) {
      throw new ProtocolException(ProtocolException.Kind.INVALID_MESSAGE, "BATCH of " + n
          + " records exceeds the credit granted (" + (session.credit() + n) + " left)");
    }
    Lane lane = batch.getLane();
    LaneState state = session.lane(lane);
    List<Record> records = batch.getRecordsList();
    long[] sequences = new long[n];
    for (int i = 0; i < n; i++) {
      sequences[i] = records.get(i).getSequence();
    }
    int firstNew = state.firstNew(sequences);
    long last = sequences[n - 1];
    metrics.recordsIn(lane, n);
    if (firstNew > 0) {
      metrics.replayed(firstNew);
    }
    LaneState.Pending pending = state.received(last, n, System.nanoTime(), firstNew == n);
    if (firstNew == n) {
      durability.acknowledge(session, lane);
    } else {
      durability.store(session, lane, records.subList(firstNew, n), pending);
    }
  }
}
