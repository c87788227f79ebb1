package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Duration;
import org.gridguard.protocol.GracefulClose;
import org.gridguard.protocol.LogThrottle;
import org.gridguard.protocol.ProtocolErrorHandler;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Reject and closes (PROTOCOL.md §3.1): gracefully, so the Reject arrives even when the
 * peer pipelined more bytes ({@link GracefulClose}: half-close, drain for at most
 * {@link #LINGER}), and once per connection. The log line is rate-limited per reason (the
 * {@code gridguard_ingest_rejects_total} counter has every one).
 */
final class Rejects {
  private static final Logger log = LoggerFactory.getLogger(Rejects.class);
  static final Duration LINGER = ProtocolErrorHandler.DEFAULT_LINGER;
  private static final LogThrottle throttle = new LogThrottle(log,
      ProtocolErrorHandler.DEFAULT_LOG_PER_MINUTE, Duration.ofMinutes(1));
  private static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf("gg-rejected");

  private Rejects() {}

  static void rejectAndClose(Channel channel, RejectReason reason, String message, int retryAfterMs) {
    if (!channel.isActive() || channel.attr(REJECTED).setIfAbsent(Boolean.TRUE) != null) {
      return;
    }
    throttle.log(reason.name(), channel.eventLoop(), () ->
        log.info("rejecting {} with {}: {}", channel.remoteAddress(), reason, message));
    channel.config().setAutoRead(false);
    GracefulClose.afterWrite(channel.writeAndFlush(Reject.newBuilder().setReason(reason)
        .setMessage(message).setRetryAfterMs(retryAfterMs).build()), LINGER);
  }

  /** Whether this connection has been rejected (it is closing). */
  static boolean rejected(Channel channel) {
    return channel.attr(REJECTED).get() != null;
  }

  /** Registers the count of suppressed reject log lines. */
  static void registerMetrics(MeterRegistry meters) {
    FunctionCounter.builder("gridguard.log.suppressed", throttle, LogThrottle::suppressed)
        .tag("logger", "rejects").description("log lines left out by rate limiting")
        .register(meters);
  }
}
