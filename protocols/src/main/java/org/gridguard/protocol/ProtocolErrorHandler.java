package org.gridguard.protocol;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that broke the protocol, and only that one. On the hub it first sends
 * {@code Reject(PROTOCOL_ERROR)} with the reason so the gateway's log says what was wrong, and
 * closes gracefully ({@link GracefulClose}) so the Reject arrives even when the peer pipelined
 * more bytes. Other exceptions pass on unchanged. Place it last in the pipeline.
 *
 * <p>Log lines are rate-limited per error kind ({@link LogThrottle}); the listener still sees
 * every error, so metrics stay exact.
 */
@Sharable
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ProtocolErrorHandler.class);
  /** Protocol error lines logged per kind and minute by default. */
  public static final int DEFAULT_LOG_PER_MINUTE = 10;
  /** How long the hub drains a rejected connection at most by default. */
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

  private final Peer self;
  private final BiConsumer<ChannelHandlerContext, ProtocolException> listener;
  private final LogThrottle throttle;
  private final Duration linger;

  /**
   * @param self the peer this pipeline runs in
   * @param listener told of every protocol error before the close (metrics, audit); may be a
   *     no-op, must not block
   */
  public ProtocolErrorHandler(
      Peer self, BiConsumer<ChannelHandlerContext, ProtocolException> listener) {
    this(self, listener, new LogThrottle(log, DEFAULT_LOG_PER_MINUTE, Duration.ofMinutes(1)),
        DEFAULT_LINGER);
  }

  /**
   * @param throttle rate-limits the log lines (create it with this class's logger or your own)
   * @param linger how long a rejected connection is drained at most before it is closed (hub)
   */
  public ProtocolErrorHandler(Peer self,
      BiConsumer<ChannelHandlerContext, ProtocolException> listener, LogThrottle throttle,
      Duration linger) {
    this.self = self;
    this.listener = listener;
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.linger = Objects.requireNonNull(linger, "linger");
  }

  /** The logger a throttle for this handler's lines should use. */
  public static Logger logger() {
    return log;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof ProtocolException error)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
    if (decoder != null && decoder.discarding()) {
      return; // this peer is closing the connection already (a second error of frames in flight)
    }
    throttle.log(error.kind().name(), ctx.executor(), () -> log.warn(
        "protocol error from {}, closing: {}", ctx.channel().remoteAddress(), error.getMessage()));
    listener.accept(ctx, error);
    if (self == Peer.HUB && ctx.channel().isActive()) {
      Reject reject = Reject.newBuilder()
          .setReason(error.kind() == ProtocolException.Kind.UNSUPPORTED_VERSION
              ? RejectReason.UNSUPPORTED_VERSION : RejectReason.PROTOCOL_ERROR)
          .setMessage(error.getMessage())
          .build();
      ctx.channel().config().setAutoRead(false);
      GracefulClose.afterWrite(ctx.writeAndFlush(reject), linger);
    } else {
      ctx.close();
    }
  }
}
