package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cumulative acknowledgements (PROTOCOL.md §6): advances the spool's cursor of the lane, so what
 * the hub holds durably is not sent again.
 */
@Sharable
final class AckHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AckHandler.class);

  private final Spool spool;
  private final Metrics metrics;

  AckHandler(Spool spool, Metrics metrics) {
    this.spool = spool;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Ack ack)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (ack.getLane() == Lane.UNRECOGNIZED) {
      log.warn("uplink: Ack for a lane this agent does not know ({}), ignored",
          ack.getLaneValue());
      return;
    }
    spool.acknowledge(ack.getLane(), ack.getSequence());
    metrics.counter("uplink.acks").increment();
  }
}
