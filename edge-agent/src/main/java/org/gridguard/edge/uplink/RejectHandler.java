package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.Reject;

/**
 * The hub refused the session (PROTOCOL.md §3.4): the uplink honours its {@code retry_after}
 * in the backoff, and the connection closes.
 */
@Sharable
final class RejectHandler extends ChannelInboundHandlerAdapter {
  private final Uplink uplink;

  RejectHandler(Uplink uplink) {
    this.uplink = uplink;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Reject reject)) {
      ctx.fireChannelRead(msg);
      return;
    }
    uplink.rejected(reject);
    ctx.close();
  }
}
