package org.gridguard.hub.sim;

import com.google.protobuf.MessageLite;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolPipeline;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Reject;

/**
 * A gateway speaking the real protocol over TCP, for tests and the benchmark. Not an edge agent:
 * no spool; the caller decides what to send. Blocking methods are for test threads only.
 */
public final class GatewaySimulator implements AutoCloseable {
  private final Channel channel;
  private final CompletableFuture<MessageLite> helloAnswer = new CompletableFuture<>();
  private final CompletableFuture<Reject> reject = new CompletableFuture<>();
  private final AtomicLong ackedPriority = new AtomicLong();
  private final AtomicLong ackedBulk = new AtomicLong();
  private final AtomicLong ackedEvidence = new AtomicLong();
  private final AtomicLong credit = new AtomicLong();
  private final ConcurrentLinkedQueue<MessageLite> received = new ConcurrentLinkedQueue<>();
  /** lane BULK: last sequence of a sent batch → send time, for ack latency. */
  private final ConcurrentSkipListMap<Long, Long> sentAt = new ConcurrentSkipListMap<>();
  private volatile LongConsumer ackLatency = n -> { };
  private final Object creditLock = new Object();

  private GatewaySimulator(Channel channel) {
    this.channel = channel;
  }

  /** Connects without sending anything. */
  public static GatewaySimulator connect(EventLoopGroup group, String host, int port)
      throws InterruptedException {
    return connect(group, host, port, null);
  }

  /** Connects over TLS when {@code ssl} is given (the handshake completes before returning). */
  public static GatewaySimulator connect(EventLoopGroup group, String host, int port,
      io.netty.handler.ssl.SslContext ssl) throws InterruptedException {
    GatewaySimulator[] holder = new GatewaySimulator[1];
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (ssl != null) {
              ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
            }
            ProtocolPipeline.addCodec(ch.pipeline(), Peer.EDGE, FrameFormat.DEFAULT_MAX_FRAME_SIZE,
                FrameFormat.HARD_MAX_FRAME_SIZE);
            ch.pipeline().addLast(new SimpleChannelInboundHandler<MessageLite>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, MessageLite msg) {
                holder[0].onMessage(msg);
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                holder[0].helloAnswer.completeExceptionally(new IllegalStateException("closed"));
                synchronized (holder[0].creditLock) {
                  holder[0].creditLock.notifyAll();
                }
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
              }
            });
          }
        });
    Channel ch = bootstrap.connect(host, port).sync().channel();
    if (ssl != null) {
      ch.pipeline().get(io.netty.handler.ssl.SslHandler.class).handshakeFuture()
          .awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
    holder[0] = new GatewaySimulator(ch);
    return holder[0];
  }

  private void onMessage(MessageLite msg) {
    if (msg instanceof HelloAck ack) {
      credit.addAndGet(ack.getInitialCredit());
      helloAnswer.complete(ack);
    } else if (msg instanceof Reject r) {
      reject.complete(r);
      helloAnswer.complete(r);
    } else if (msg instanceof Ack ack) {
      counter(ack.getLane()).accumulateAndGet(ack.getSequence(), Math::max);
      if (ack.getLane() == Lane.BULK) {
        long now = System.nanoTime();
        var done = sentAt.headMap(ack.getSequence(), true);
        for (Long sent : done.values()) {
          ackLatency.accept(now - sent);
        }
        done.clear();
      }
      synchronized (creditLock) {
        creditLock.notifyAll();
      }
    } else if (msg instanceof Credit c) {
      credit.addAndGet(c.getRecords());
      synchronized (creditLock) {
        creditLock.notifyAll();
      }
    } else if (!(msg instanceof Heartbeat)) {
      received.add(msg);
    }
  }

  /** Sends Hello and waits for HelloAck or Reject. */
  public MessageLite hello(String gatewayId, String credential, String streamId,
      String... features) throws Exception {
    send(Hello.newBuilder().setGatewayId(gatewayId).setCredential(credential)
        .setProtocolVersion(100).setSoftwareVersion("sim").setBootId("boot-1")
        .setStreamId(streamId).addAllFeatures(List.of(features)).build());
    return helloAnswer.get(30, TimeUnit.SECONDS);
  }

  public void send(MessageLite message) {
    channel.writeAndFlush(message);
  }

  /** Sends a batch once credit allows (blocking the calling test thread, never an event loop). */
  public void sendBatch(Lane lane, List<Record> records) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (creditLock) {
      while (credit.get() < records.size()) {
        if (!channel.isActive()) {
          throw new IllegalStateException("connection closed while waiting for credit");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("no credit for " + records.size() + " records");
        }
        creditLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      credit.addAndGet(-records.size());
    }
    if (lane == Lane.BULK) {
      sentAt.put(records.get(records.size() - 1).getSequence(), System.nanoTime());
    }
    send(Batch.newBuilder().setLane(lane).addAllRecords(records).build());
  }

  /**
   * Sends a pre-encoded BATCH frame of {@code count} records ending at {@code lastSequence}, once
   * credit allows (benchmark: keeps protobuf encoding out of the measured client work).
   */
  public void sendFrame(Lane lane, byte[] frame, int count, long lastSequence)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    synchronized (creditLock) {
      while (credit.get() < count) {
        if (!channel.isActive()) {
          throw new IllegalStateException("connection closed while waiting for credit");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("no credit for " + count + " records");
        }
        creditLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      credit.addAndGet(-count);
    }
    if (lane == Lane.BULK) {
      sentAt.put(lastSequence, System.nanoTime());
    }
    channel.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(frame));
  }

  private AtomicLong counter(Lane lane) {
    return switch (lane) {
      case BULK -> ackedBulk;
      case EVIDENCE -> ackedEvidence;
      default -> ackedPriority;
    };
  }

  public long acked(Lane lane) {
    return counter(lane).get();
  }

  /** Sends one evidence chunk once credit allows. */
  public void sendChunk(org.gridguard.protocol.v1.EvidenceChunk chunk)
      throws InterruptedException, TimeoutException {
    synchronized (creditLock) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (credit.get() < 1) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !channel.isActive()) {
          throw new TimeoutException("no credit for an evidence chunk");
        }
        creditLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      credit.decrementAndGet();
    }
    send(chunk);
  }

  /** Waits until the lane is acknowledged up to {@code sequence}. */
  public void awaitAck(Lane lane, long sequence, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (creditLock) {
      while (acked(lane) < sequence) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!channel.isActive() && acked(lane) < sequence)) {
          throw new TimeoutException(lane + " acked " + acked(lane) + ", waited for " + sequence
              + (channel.isActive() ? "" : " (connection closed)"));
        }
        creditLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  public void onAckLatency(LongConsumer nanos) {
    this.ackLatency = nanos;
  }

  public CompletableFuture<Reject> reject() {
    return reject;
  }

  public Channel channel() {
    return channel;
  }

  public boolean awaitClosed(Duration timeout) {
    return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
