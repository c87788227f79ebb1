package org.gridguard.hub.ingest;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends Reject and closes (PROTOCOL.md §3.1). */
final class Rejects {
  private static final Logger log = LoggerFactory.getLogger(Rejects.class);

  private Rejects() {}

  static void rejectAndClose(Channel channel, RejectReason reason, String message, int retryAfterMs) {
    log.info("rejecting {} with {}: {}", channel.remoteAddress(), reason, message);
    if (!channel.isActive()) {
      return;
    }
    channel.config().setAutoRead(false);
    channel.writeAndFlush(Reject.newBuilder().setReason(reason).setMessage(message)
            .setRetryAfterMs(retryAfterMs).build())
        .addListener(ChannelFutureListener.CLOSE);
  }
}
