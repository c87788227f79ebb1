package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.Credit;

/**
 * Flow control (PROTOCOL.md §5): the hub's credit goes to the session on the sender thread,
 * which sends what the new window allows. One per connection (it knows its session).
 */
final class CreditHandler extends ChannelInboundHandlerAdapter {
  private final Uplink uplink;
  private final UplinkSession session;

  CreditHandler(Uplink uplink, UplinkSession session) {
    this.uplink = uplink;
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Credit credit)) {
      ctx.fireChannelRead(msg);
      return;
    }
    uplink.onSender(() -> {
      session.addCredit(credit.getRecords());
      uplink.pumpNow(session);
    });
  }
}
