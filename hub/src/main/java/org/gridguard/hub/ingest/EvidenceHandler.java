package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.hub.evidence.EvidenceStore;
import org.gridguard.protocol.ProtocolException;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Lane;

/**
 * Evidence chunks of a session that negotiated {@code evidence.v1} (PROTOCOL.md §7): credit,
 * replays acknowledged without storing, new chunks to {@link Durability}.
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
    if (!EvidenceStore.SAFE_ID.matcher(chunk.getEvidenceId()).matches()) {
      throw new ProtocolException(ProtocolException.Kind.INVALID_MESSAGE,
          "EvidenceChunk.evidence_id must be 1-128 chars of [A-Za-z0-9._-] (a UUID), was '"
              + chunk.getEvidenceId() + "'");
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
