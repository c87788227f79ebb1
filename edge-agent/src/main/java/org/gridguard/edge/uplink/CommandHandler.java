package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.Command;

/** Commands from the hub. None is carried out yet: each is answered "not supported". */
@Sharable
final class CommandHandler extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Command command)) {
      ctx.fireChannelRead(msg);
      return;
    }
    NotSupported.answer(ctx, command.getCommandId());
  }
}
