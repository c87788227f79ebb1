package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats and idle timeouts (PROTOCOL.md §8). Command results are {@link
 * CommandResultHandler}'s; one reaching this handler (a pipeline without it, in tests) is logged.
 */
@Sharable
final class LivenessHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(LivenessHandler.class);

  private final IngestMetrics metrics;

  LivenessHandler(IngestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Heartbeat) {
      return; // receiving anything resets the idle timer; nothing to answer
    }
    if (msg instanceof CommandResult result) {
      log.info("gateway {} command {} result ok={} {}", Session.of(ctx.channel()).gateway().id(),
          result.getCommandId(), result.getOk(), result.getMessage());
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
    Session session = Session.of(ctx.channel());
    if (session == null) {
      return; // the hello timeout covers connections without a session
    }
    if (idle.state() == IdleState.WRITER_IDLE) {
      ctx.writeAndFlush(Heartbeat.newBuilder().setSentTimeMs(System.currentTimeMillis()).build());
    } else if (idle.state() == IdleState.READER_IDLE && !session.waitingForSpace()) {
      // (while its telemetry waits for room the gateway may be out of credit, or we paused
      // reading: the silence is ours, not the gateway's)
      metrics.rejected(RejectReason.IDLE_TIMEOUT);
      metrics.timeout("session");
      Rejects.rejectAndClose(ctx.channel(), RejectReason.IDLE_TIMEOUT,
          "nothing received for 3 heartbeat intervals", 0);
    }
  }
}
