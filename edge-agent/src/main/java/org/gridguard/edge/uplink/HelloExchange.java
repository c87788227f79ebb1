package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the session (PROTOCOL.md §3): sends Hello when the connection is up, closes it when no
 * HelloAck comes in time, and on HelloAck adopts the hub's heartbeat interval and hands the
 * session to the sender thread. One per connection (it holds the Hello timeout).
 */
final class HelloExchange extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HelloExchange.class);

  private final Uplink uplink;
  private final UplinkSession session;
  private final Hello hello;
  private final long timeoutMs;
  private ScheduledFuture<?> timeout;

  HelloExchange(Uplink uplink, UplinkSession session, Hello hello, long timeoutMs) {
    this.uplink = uplink;
    this.session = session;
    this.hello = hello;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(hello);
    timeout = ctx.executor().schedule(() -> {
      log.warn("uplink: no HelloAck from {} within {} ms; closing", ctx.channel().remoteAddress(),
          timeoutMs);
      ctx.close();
    }, timeoutMs, TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HelloAck ack)) {
      ctx.fireChannelRead(msg);
      return;
    }
    cancelTimeout();
    if (ack.getHeartbeatIntervalMs() > 0) {
      long hb = ack.getHeartbeatIntervalMs();
      ctx.pipeline().replace(UplinkChannelInitializer.IDLE, UplinkChannelInitializer.IDLE,
          new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS));
    }
    uplink.onSender(() -> uplink.sessionOpened(session, ack));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimeout();
    ctx.fireChannelInactive();
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
