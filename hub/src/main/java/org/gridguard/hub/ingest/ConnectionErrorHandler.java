package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.gridguard.protocol.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: any error the protocol handler let through closes this connection,
 * counted in {@code gridguard_ingest_connection_errors_total{kind}}; unexpected ones are logged,
 * rate-limited per exception class.
 */
@Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionErrorHandler.class);

  private final IngestMetrics metrics;
  private final LogThrottle throttle;

  ConnectionErrorHandler(IngestMetrics metrics, LogThrottle throttle) {
    this.metrics = metrics;
    this.throttle = throttle;
  }

  static Logger logger() {
    return log;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      metrics.connectionError("io");
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      String kind = cause.getClass().getSimpleName();
      metrics.connectionError(kind);
      throttle.log(kind, ctx.executor(), () ->
          log.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause));
    }
    ctx.close();
  }
}
