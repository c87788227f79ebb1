package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.ProtocolException;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;

/**
 * Evidence chunks of a session that negotiated {@code evidence.v1} (PROTOCOL.md §7): credit,
 * replays acknowledged without storing, new chunks to {@link Durability}. Ids and sizes are
 * checked by the evidence store, which dead-letters a chunk it can never store (§2.6) rather
 * than failing the session: resending would not help.
 */
@Sharable
final class EvidenceHandler extends ChannelInboundHandlerAdapter {
  private final Durability durability;

  EvidenceHandler(Durability durability) {
    this.durability = durability;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof EvidenceChunk chunk)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Session session = Session.of(ctx.channel());
    if (!session.evidenceEnabled()) {
      throw new ProtocolException(ProtocolException.Kind.UNEXPECTED_MESSAGE,
          "EVIDENCE_CHUNK without feature evidence.v1 in Hello.features");
    }
    if (!session.consumeCredit(1)) {
      throw new ProtocolException(ProtocolException.Kind.INVALID_MESSAGE,
          "EVIDENCE_CHUNK sent without credit");
    }
    LaneState lane = session.lane(Lane.EVIDENCE);
    long sequence = chunk.getSequence();
    boolean replay = lane.firstNew(new long[] {sequence}) == 1;
    LaneState.Pending pending = lane.received(sequence, 1, System.nanoTime(), replay);
    if (replay) {
      durability.acknowledge(session, Lane.EVIDENCE);
    } else {
      durability.storeEvidence(session, chunk, pending);
    }
  }
}
