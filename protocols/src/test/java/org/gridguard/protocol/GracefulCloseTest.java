package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Over real loopback TCP: a Reject must arrive even when the peer pipelined much more. */
@ExtendWith(NettyLeakCheck.class)
class GracefulCloseTest {
  private final EventLoopGroup group = new NioEventLoopGroup(1);

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private int server(Duration linger) throws InterruptedException {
    Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ProtocolPipeline.addCodec(ch.pipeline(), Peer.HUB, 4096, 4096);
            ch.pipeline().addLast(new ProtocolErrorHandler(Peer.HUB, (ctx, e) -> { },
                new LogThrottle(ProtocolErrorHandler.logger(), 10, Duration.ofMinutes(1)),
                linger));
          }
        }).bind("127.0.0.1", 0).sync().channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Test
  void afterWrite_peerPipelinedMegabytesAfterBadFrame_rejectArrivesThenOrderlyEnd()
      throws Exception {
    int port = server(Duration.ofSeconds(2));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
        try {
          out.write("GET / HTTP/1.1\r\n".getBytes()); // BAD_MAGIC
          out.flush();
          // the Reject's frame header is in our receive buffer, unread, before we go on writing
          InputStream unread = socket.getInputStream();
          await("the Reject in our receive buffer").atMost(Duration.ofSeconds(5))
              .until(() -> unread.available() >= 8);
          byte[] more = new byte[64 * 1024];
          for (int i = 0; i < 64; i++) { // 4 MiB the hub never decodes
            out.write(more);
          }
          out.flush();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      sent.get(10, TimeUnit.SECONDS); // no "connection reset" while writing
      InputStream in = socket.getInputStream();
      byte[] header = in.readNBytes(8);
      assertThat(header).hasSize(8);
      assertThat(header[3] & 0xff).isEqualTo(MessageType.REJECT.code());
      Reject reject = Reject.parseFrom(in.readNBytes(ByteBuffer.wrap(header, 4, 4).getInt()));
      assertThat(reject.getReason()).isEqualTo(RejectReason.PROTOCOL_ERROR);
      assertThat(reject.getMessage()).contains("BAD_MAGIC");
      assertThat(in.read()).isEqualTo(-1); // FIN, not RST
    }
  }

  @Test
  void afterWrite_peerSendsNothingMore_closedAfterLinger() throws Exception {
    int port = server(Duration.ofMillis(300));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(new byte[8]); // BAD_MAGIC, then the peer stays open
      InputStream in = socket.getInputStream();
      byte[] header = in.readNBytes(8);
      in.readNBytes(ByteBuffer.wrap(header, 4, 4).getInt());
      assertThat(in.read()).isEqualTo(-1); // half-closed by the server at once
      // the server closes its side for good after the linger: our write then fails
      await("server closed within the linger").atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20)).until(() -> {
            try {
              socket.getOutputStream().write(1);
              return false;
            } catch (java.io.IOException closed) {
              return true;
            }
          });
    }
  }
}
