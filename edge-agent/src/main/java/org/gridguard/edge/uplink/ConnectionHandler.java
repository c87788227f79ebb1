package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of the pipeline: tells the uplink when the channel can take more (writability) and
 * when it is gone, ignores messages no handler before it took, and closes on errors that are
 * not protocol errors (those the {@code ProtocolErrorHandler} before it handles). One per
 * connection (it knows its session).
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

  private final Uplink uplink;
  private final UplinkSession session;

  ConnectionHandler(Uplink uplink, UplinkSession session) {
    this.uplink = uplink;
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    log.warn("uplink: unexpected {} from the hub, ignored", msg.getClass().getSimpleName());
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      uplink.kick();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    uplink.disconnected(session);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("uplink: connection to {} failed: {}", ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
