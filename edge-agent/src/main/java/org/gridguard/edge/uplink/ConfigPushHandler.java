package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.ConfigPush;

/**
 * Configuration pushed by the hub. Not applied yet: answered "not supported" under the id
 * {@code config:<version>}. This is where the push will call {@code AgentConfigLoader.judge}.
 */
@Sharable
final class ConfigPushHandler extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ConfigPush push)) {
      ctx.fireChannelRead(msg);
      return;
    }
    NotSupported.answer(ctx, "config:" + push.getConfigVersion());
  }
}
