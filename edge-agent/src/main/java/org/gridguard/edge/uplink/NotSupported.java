package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandlerContext;
import org.gridguard.protocol.v1.CommandResult;

/** The answer to hub requests this agent version cannot carry out yet. */
final class NotSupported {
  static final String MESSAGE = "not supported by this edge agent version";

  private NotSupported() {
  }

  static void answer(ChannelHandlerContext ctx, String id) {
    ctx.writeAndFlush(CommandResult.newBuilder().setCommandId(id).setOk(false)
        .setMessage(MESSAGE).build());
  }
}
