package org.gridguard.hub.ingest;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.AttributeKey;
import org.gridguard.protocol.FrameDecoder;
import org.gridguard.protocol.FrameFormat;

/**
 * Before HelloAck a connection may send only a Hello-sized frame, and its socket is read into
 * buffers no larger than that frame (PROTOCOL.md §2.5): an anonymous peer can make the hub hold
 * at most about {@code max-hello-frame-size} bytes. HelloAck lifts both to the session's limits.
 * Event loop only.
 */
final class HelloFrameLimit {
  static final String NOTE = "before HELLO_ACK";
  private static final AttributeKey<RecvByteBufAllocator> READS =
      AttributeKey.valueOf("gg-session-reads");

  private HelloFrameLimit() {}

  /** Applies the Hello limits to a new channel (before any read). */
  static void restrict(Channel channel, int maxHelloFrameSize) {
    channel.attr(READS).set(channel.config().getRecvByteBufAllocator());
    int most = FrameFormat.HEADER_SIZE + maxHelloFrameSize;
    channel.config().setRecvByteBufAllocator(
        new AdaptiveRecvByteBufAllocator(64, Math.min(1024, most), most));
    FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
    if (decoder != null) {
      decoder.maxFrameSize(maxHelloFrameSize, NOTE);
    }
  }

  /** The session's limits, once the Hello is accepted (before HelloAck is written). */
  static void lift(Channel channel, int maxFrameSize) {
    RecvByteBufAllocator reads = channel.attr(READS).getAndSet(null);
    if (reads != null) {
      channel.config().setRecvByteBufAllocator(reads);
    }
    FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
    if (decoder != null) {
      decoder.maxFrameSize(maxFrameSize, "");
    }
  }
}
