package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.Command;

/**
 * Commands from the hub (PROTOCOL.md §10): handed to the {@link HubRequestWorker}, which
 * carries them out off the event loop and answers under the command's id on this channel.
 */
@Sharable
final class CommandHandler extends ChannelInboundHandlerAdapter {
  private final HubRequestWorker worker;

  CommandHandler(HubRequestWorker worker) {
    this.worker = worker;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Command command)) {
      ctx.fireChannelRead(msg);
      return;
    }
    worker.command(command, worker.replyOn(ctx.channel()));
  }
}
