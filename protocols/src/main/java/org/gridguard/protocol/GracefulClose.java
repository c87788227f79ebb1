package org.gridguard.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after a last frame (a Reject) so that the frame arrives. Closing a TCP
 * socket whose receive buffer still holds unread bytes (a peer that pipelined frames) makes the
 * kernel send RST instead of FIN, and a peer receiving RST drops what it had not read yet,
 * the Reject included. So: once the frame is written, half-close (FIN after the frame), keep
 * reading and dropping what the peer still sends (the frame decoder stops decoding), and close
 * when the peer closes or after {@code linger}, whichever comes first (PROTOCOL.md §3.1).
 */
public final class GracefulClose {
  private GracefulClose() {}

  /**
   * Closes {@code write}'s channel once the write is done, as described above. Channels that
   * cannot half-close (embedded test channels) and a zero {@code linger} close at once.
   */
  public static void afterWrite(ChannelFuture write, Duration linger) {
    Channel channel = write.channel();
    FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
    if (decoder != null) {
      decoder.discardInput();
    }
    write.addListener(written -> {
      if (!written.isSuccess() || linger.isZero() || !(channel instanceof DuplexChannel duplex)
          || !channel.isActive()) {
        channel.close();
        return;
      }
      duplex.shutdownOutput().addListener(shut -> {
        if (!shut.isSuccess() || !channel.isActive()) {
          channel.close();
          return;
        }
        channel.eventLoop().schedule(() -> {
          channel.close();
        }, linger.toMillis(), TimeUnit.MILLISECONDS);
        channel.config().setAutoRead(true); // drain: read and drop until the peer's FIN
      });
    });
  }
}
