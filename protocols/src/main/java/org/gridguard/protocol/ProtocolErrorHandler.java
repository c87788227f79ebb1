package org.gridguard.protocol;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.BiConsumer;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that broke the protocol, and only that one. On the hub it first sends
 * {@code Reject(PROTOCOL_ERROR)} with the reason so the gateway's log says what was wrong.
 * Other exceptions pass on unchanged. Place it last in the pipeline.
 */
@Sharable
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ProtocolErrorHandler.class);

  private final Peer self;
  private final BiConsumer<ChannelHandlerContext, ProtocolException> listener;

  /**
   * @param self the peer this pipeline runs in
   * @param listener told of every protocol error before the close (metrics, audit); may be a
   *     no-op, must not block
   */
  public ProtocolErrorHandler(
      Peer self, BiConsumer<ChannelHandlerContext, ProtocolException> listener) {
    this.self = self;
    this.listener = listener;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof ProtocolException error)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    log.warn("protocol error from {}, closing: {}", ctx.channel().remoteAddress(),
        error.getMessage());
    listener.accept(ctx, error);
    if (self == Peer.HUB && ctx.channel().isActive()) {
      Reject reject = Reject.newBuilder()
          .setReason(error.kind() == ProtocolException.Kind.UNSUPPORTED_VERSION
              ? RejectReason.UNSUPPORTED_VERSION : RejectReason.PROTOCOL_ERROR)
          .setMessage(error.getMessage())
          .build();
      ctx.writeAndFlush(reject).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }
}
