package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.gridguard.protocol.v1.CommandResult;

/**
 * The edge's answers to ConfigPush and Command (PROTOCOL.md §10), handed to the
 * {@link SessionListener}s (which do their database work off the event loop).
 */
@Sharable
final class CommandResultHandler extends ChannelInboundHandlerAdapter {
  private final SessionRegistry registry;
  private final IngestMetrics metrics;

  CommandResultHandler(SessionRegistry registry, IngestMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof CommandResult result)) {
      ctx.fireChannelRead(msg);
      return;
    }
    metrics.registry().counter("gridguard.ingest.command.results", "ok",
        Boolean.toString(result.getOk())).increment();
    registry.commandResult(Session.of(ctx.channel()), result);
  }
}
