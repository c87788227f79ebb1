package org.gridguard.hub.device;

import com.google.protobuf.MessageLite;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolPipeline;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;

/**
 * An edge whose every move the test scripts, on the real codec over TCP: it says Hello (with its
 * config version and features) and hands the test each message the hub sends (heartbeats left
 * out, and acks and credit), in order. Blocking methods are for the test thread.
 */
final class ScriptedEdge implements AutoCloseable {
  private final Channel channel;
  private final LinkedBlockingQueue<MessageLite> received;

  private ScriptedEdge(Channel channel, LinkedBlockingQueue<MessageLite> received) {
    this.channel = channel;
    this.received = received;
  }

  static ScriptedEdge connect(EventLoopGroup group, int port) throws InterruptedException {
    LinkedBlockingQueue<MessageLite> received = new LinkedBlockingQueue<>();
    Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel c) {
            ProtocolPipeline.addCodec(c.pipeline(), Peer.EDGE, FrameFormat.DEFAULT_MAX_FRAME_SIZE,
                FrameFormat.DEFAULT_MAX_FRAME_SIZE);
            c.pipeline().addLast(new SimpleChannelInboundHandler<MessageLite>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, MessageLite msg) {
                // flow control is not what these scripts are about
                if (!(msg instanceof Heartbeat || msg instanceof org.gridguard.protocol.v1.Ack
                    || msg instanceof org.gridguard.protocol.v1.Credit)) {
                  received.add(msg);
                }
              }
            });
          }
        }).connect("127.0.0.1", port).sync().channel();
    return new ScriptedEdge(ch, received);
  }

  /** Says Hello and returns the HelloAck (fails on anything else). */
  HelloAck hello(String gatewayId, String credential, long configVersion, String... features)
      throws InterruptedException {
    send(Hello.newBuilder().setGatewayId(gatewayId).setCredential(credential)
        .setProtocolVersion(100).setSoftwareVersion("scripted").setBootId("boot-1")
        .setStreamId(java.util.UUID.randomUUID().toString()).setConfigVersion(configVersion)
        .addAllFeatures(List.of(features)).build());
    return next(HelloAck.class, Duration.ofSeconds(30));
  }

  void send(MessageLite message) {
    channel.writeAndFlush(message).syncUninterruptibly();
  }

  /** The next message the hub sent, which must be a {@code type}, within {@code timeout}. */
  <T extends MessageLite> T next(Class<T> type, Duration timeout) throws InterruptedException {
    MessageLite msg = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (msg == null) {
      throw new AssertionError("no " + type.getSimpleName() + " from the hub within " + timeout
          + (channel.isActive() ? "" : " (connection closed)"));
    }
    if (!type.isInstance(msg)) {
      throw new AssertionError("expected " + type.getSimpleName() + ", the hub sent "
          + msg.getClass().getSimpleName() + ": " + msg);
    }
    return type.cast(msg);
  }

  /** Fails if the hub sends anything but heartbeats within {@code quiet}. */
  void expectNothing(Duration quiet) throws InterruptedException {
    MessageLite msg = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    if (msg != null) {
      throw new AssertionError("expected nothing, the hub sent " + msg.getClass().getSimpleName()
          + ": " + msg);
    }
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
