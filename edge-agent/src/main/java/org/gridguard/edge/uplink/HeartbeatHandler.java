package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness (PROTOCOL.md §8): a heartbeat when we have written nothing for an interval (echoing
 * the hub's last one), and the connection closed when the hub has been silent for three.
 * One per connection (it remembers the hub's last heartbeat).
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

  private final Metrics metrics;
  private long lastPeerHeartbeat;

  HeartbeatHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Heartbeat hb) {
      lastPeerHeartbeat = hb.getSentTimeMs();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof IdleStateEvent idle)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    if (idle.state() == IdleState.WRITER_IDLE) {
      ctx.writeAndFlush(Heartbeat.newBuilder().setSentTimeMs(System.currentTimeMillis())
          .setEchoTimeMs(lastPeerHeartbeat).build());
    } else if (idle.state() == IdleState.READER_IDLE) {
      log.warn("uplink: nothing from the hub for 3 heartbeat intervals; closing");
      metrics.counter("uplink.idle_timeouts").increment();
      ctx.close();
    }
  }
}
