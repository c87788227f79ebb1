package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.ConfigPush;

/**
 * Configuration pushed by the hub (PROTOCOL.md §10): handed to the {@link HubRequestWorker},
 * which applies it off the event loop and answers {@code config:<version>} on this channel.
 */
@Sharable
final class ConfigPushHandler extends ChannelInboundHandlerAdapter {
  private final HubRequestWorker worker;

  ConfigPushHandler(HubRequestWorker worker) {
    this.worker = worker;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ConfigPush push)) {
      ctx.fireChannelRead(msg);
      return;
    }
    worker.push(push, worker.replyOn(ctx.channel()));
  }
}
