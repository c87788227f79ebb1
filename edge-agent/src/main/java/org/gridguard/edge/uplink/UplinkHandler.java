package org.gridguard.edge.uplink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.protocol.ProtocolException;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Reject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge side of one connection on the event loop: sends Hello, turns hub messages into work
 * for the sender thread, heartbeats when idle and closes a silent connection. Does no I/O of
 * its own beyond the channel.
 */
final class UplinkHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(UplinkHandler.class);
  static final String IDLE = "gg-idle";

  private final Uplink uplink;
  private final UplinkSession session;
  private final Hello hello;
  private final Spool spool;
  private final Metrics metrics;
  private final long helloTimeoutMs;
  private ScheduledFuture<?> helloTimeout;
  private long lastPeerHeartbeat;

  UplinkHandler(Uplink uplink, UplinkSession session, Hello hello, Spool spool, Metrics metrics,
      long helloTimeoutMs) {
    this.uplink = uplink;
    this.session = session;
    this.hello = hello;
    this.spool = spool;
    this.metrics = metrics;
    this.helloTimeoutMs = helloTimeoutMs;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(hello);
    helloTimeout = ctx.executor().schedule(() -> {
      log.warn("uplink: no HelloAck from {} within {} ms; closing", ctx.channel().remoteAddress(),
          helloTimeoutMs);
      ctx.close();
    }, helloTimeoutMs, TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Ack ack) {
      if (ack.getLane() == org.gridguard.protocol.v1.Lane.UNRECOGNIZED) {
        log.warn("uplink: Ack for a lane this agent does not know ({}), ignored",
            ack.getLaneValue());
        return;
      }
      spool.acknowledge(ack.getLane(), ack.getSequence());
      metrics.counter("uplink.acks").increment();
    } else if (msg instanceof Credit credit) {
      uplink.onSender(() -> {
        session.addCredit(credit.getRecords());
        uplink.pumpNow(session);
      });
    } else if (msg instanceof HelloAck ack) {
      if (helloTimeout != null) {
        helloTimeout.cancel(false);
      }
      if (ack.getHeartbeatIntervalMs() > 0) {
        long hb = ack.getHeartbeatIntervalMs();
        ctx.pipeline().replace(IDLE, IDLE,
            new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS));
      }
      uplink.onSender(() -> uplink.sessionOpened(session, ack));
    } else if (msg instanceof Reject reject) {
      uplink.rejected(reject);
      ctx.close();
    } else if (msg instanceof Heartbeat hb) {
      lastPeerHeartbeat = hb.getSentTimeMs();
    } else if (msg instanceof ConfigPush push) {
      answer(ctx, "config:" + push.getConfigVersion());
    } else if (msg instanceof Command command) {
      answer(ctx, command.getCommandId());
    } else {
      log.warn("uplink: unexpected {} from the hub, ignored", msg.getClass().getSimpleName());
    }
  }

  private void answer(ChannelHandlerContext ctx, String id) {
    // Remote configuration and commands belong to other components, not wired in yet.
    ctx.writeAndFlush(CommandResult.newBuilder().setCommandId(id).setOk(false)
        .setMessage("not supported by this edge agent version").build());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(Heartbeat.newBuilder().setSentTimeMs(System.currentTimeMillis())
            .setEchoTimeMs(lastPeerHeartbeat).build());
      } else if (idle.state() == IdleState.READER_IDLE) {
        log.warn("uplink: nothing from the hub for 3 heartbeat intervals; closing");
        metrics.counter("uplink.idle_timeouts").increment();
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
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
    if (helloTimeout != null) {
      helloTimeout.cancel(false);
    }
    uplink.disconnected(session);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof ProtocolException) {
      ctx.fireExceptionCaught(cause); // ProtocolErrorHandler logs and closes
      return;
    }
    log.warn("uplink: connection to {} failed: {}", ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
