package org.gridguard.edge.testhub;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import com.google.protobuf.MessageLite;
import org.awaitility.Awaitility;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolErrorHandler;
import org.gridguard.protocol.ProtocolPipeline;
import org.gridguard.protocol.ProtocolVersion;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;

/**
 * A small hub for edge tests, speaking the real protocol through the protocols module's codec.
 * It keeps, per (stream, lane), the committed sequence and every stored item (in memory, kept
 * across {@link #stop()}/{@link #start()} like a hub's database), stores only items above the
 * committed sequence (replays are counted and acknowledged, as PROTOCOL.md §5 requires), and
 * counts anything the edge does wrong: a sequence that does not ascend within a session, items
 * beyond the granted credit. Acks can be paused to simulate a store outage.
 */
public final class TestHub implements AutoCloseable {
  private final Object lock = new Object();
  private final Map<String, Map<Lane, Long>> committed = new HashMap<>();
  private final Map<Lane, List<Record>> stored = new EnumMap<>(Lane.class);
  private final List<EvidenceChunk> storedEvidence = new ArrayList<>();
  private final Set<Channel> sessions = new HashSet<>();
  private final Map<Channel, Session> sessionState = new HashMap<>();
  private volatile boolean acking = true;
  private volatile int initialCredit = 4096;
  private volatile int heartbeatMs = 15_000;
  private volatile Reject rejectNext;
  private volatile boolean replyToHeartbeats;
  private long heartbeats;
  private long replays;
  private long outOfOrder;
  private long overCredit;
  private long hellos;
  private final List<String> streams = new ArrayList<>();
  private final List<Hello> helloMessages = new ArrayList<>();
  private final List<org.gridguard.protocol.v1.CommandResult> results = new ArrayList<>();
  private volatile io.netty.handler.ssl.SslContext ssl;
  private EventLoopGroup group;
  private Channel server;
  private int port;

  private static final class Session {
    String stream;
    long credit;
    long unacknowledgedItems;
    final Map<Lane, Long> lastReceived = new EnumMap<>(Lane.class);
    final Map<Lane, Long> toAck = new EnumMap<>(Lane.class);
  }

  public TestHub() {
    for (Lane lane : List.of(Lane.PRIORITY, Lane.EVIDENCE, Lane.BULK)) {
      stored.put(lane, new ArrayList<>());
    }
  }

  /** Starts listening on a free loopback port the first time, the same port afterwards. */
  public TestHub start() throws InterruptedException {
    group = new NioEventLoopGroup(1);
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (ssl != null) {
              ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
            }
            ProtocolPipeline.addCodec(ch.pipeline(), Peer.HUB, FrameFormat.DEFAULT_MAX_FRAME_SIZE,
                FrameFormat.DEFAULT_MAX_FRAME_SIZE);
            ch.pipeline().addLast(new Handler());
            ch.pipeline().addLast(new ProtocolErrorHandler(Peer.HUB, (c, e) -> { }));
          }
        });
    server = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
    return this;
  }

  /** Closes the listener and every connection; stored data and committed sequences stay. */
  public void stop() {
    if (server != null) {
      server.close().awaitUninterruptibly();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public int port() {
    return port;
  }

  /** Pauses (false) or resumes (true) acknowledgements and credit, as while a store is down. */
  public void acking(boolean on) {
    acking = on;
    if (on && group != null) {
      group.execute(() -> {
        synchronized (lock) {
          sessionState.forEach(this::flushAcks);
        }
      });
    }
  }

  /** Serve TLS with this context (set before {@link #start()}). */
  public TestHub tls(io.netty.handler.ssl.SslContext context) {
    ssl = context;
    return this;
  }

  /** Answer every Heartbeat with one (a live hub); by default the test hub stays silent. */
  public void replyToHeartbeats(boolean on) {
    replyToHeartbeats = on;
  }

  public long heartbeats() {
    synchronized (lock) {
      return heartbeats;
    }
  }

  public void initialCredit(int credit) {
    initialCredit = credit;
  }

  public void heartbeatMs(int ms) {
    heartbeatMs = ms;
  }

  /** The next Hello is answered with this Reject. */
  public void rejectNext(RejectReason reason, int retryAfterMs) {
    rejectNext = Reject.newBuilder().setReason(reason).setMessage("test hub says no")
        .setRetryAfterMs(retryAfterMs).build();
  }

  public List<Record> stored(Lane lane) {
    synchronized (lock) {
      return List.copyOf(stored.get(lane));
    }
  }

  public List<EvidenceChunk> storedEvidence() {
    synchronized (lock) {
      return List.copyOf(storedEvidence);
    }
  }

  public long committed(String stream, Lane lane) {
    synchronized (lock) {
      return committed.getOrDefault(stream, Map.of()).getOrDefault(lane, 0L);
    }
  }

  public long replays() {
    synchronized (lock) {
      return replays;
    }
  }

  /** Items whose sequence did not ascend within a session: an edge bug. */
  public long outOfOrder() {
    synchronized (lock) {
      return outOfOrder;
    }
  }

  /** Items sent without credit: an edge bug. */
  public long overCredit() {
    synchronized (lock) {
      return overCredit;
    }
  }

  public long hellos() {
    synchronized (lock) {
      return hellos;
    }
  }

  /** Every Hello received, oldest first. */
  public List<Hello> helloMessages() {
    synchronized (lock) {
      return List.copyOf(helloMessages);
    }
  }

  /** Every CommandResult the edge sent (answers to pushes and commands), oldest first. */
  public List<org.gridguard.protocol.v1.CommandResult> results() {
    synchronized (lock) {
      return List.copyOf(results);
    }
  }

  /** The edge's answer with this id, or null while there is none. */
  public org.gridguard.protocol.v1.CommandResult result(String commandId) {
    synchronized (lock) {
      return results.stream().filter(r -> r.getCommandId().equals(commandId)).findFirst()
          .orElse(null);
    }
  }

  /** Sends a control message (ConfigPush, Command) on every open session; returns how many. */
  public int send(MessageLite message) {
    List<Channel> open;
    synchronized (lock) {
      open = List.copyOf(sessions);
    }
    open.forEach(ch -> ch.writeAndFlush(message));
    return open.size();
  }

  public List<String> streams() {
    synchronized (lock) {
      return List.copyOf(streams);
    }
  }

  public int openSessions() {
    synchronized (lock) {
      return sessions.size();
    }
  }

  /**
   * Polls a condition (Awaitility) until it holds, and FAILS the test when the time is up: it
   * never returns false, so a caller that forgets to assert the result cannot pass by accident
   * (it returns true so that {@code assertThat(await(...)).isTrue()} still reads naturally).
   *
   * @throws org.awaitility.core.ConditionTimeoutException when {@code timeout} passes first
   */
  public static boolean await(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    return true;
  }

  private void flushAcks(Channel ch, Session s) {
    if (!acking || s.toAck.isEmpty()) {
      return;
    }
    s.toAck.forEach((lane, seq) ->
        ch.write(Ack.newBuilder().setLane(lane).setSequence(seq).build()));
    s.toAck.clear();
    int grant = (int) s.unacknowledgedItems;
    s.unacknowledgedItems = 0;
    s.credit += grant;
    ch.writeAndFlush(Credit.newBuilder().setRecords(grant).build());
  }

  private final class Handler extends SimpleChannelInboundHandler<MessageLite> {
    private Session session;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MessageLite msg) {
      synchronized (lock) {
        if (msg instanceof Hello hello) {
          hellos++;
          helloMessages.add(hello);
          Reject reject = rejectNext;
          if (reject != null) {
            rejectNext = null;
            ctx.writeAndFlush(reject).addListener(f -> ctx.close());
            return;
          }
          session = new Session();
          session.stream = hello.getStreamId();
          session.credit = initialCredit;
          if (!streams.contains(hello.getStreamId())) {
            streams.add(hello.getStreamId());
          }
          sessions.add(ctx.channel());
          sessionState.put(ctx.channel(), session);
          HelloAck.Builder ack = HelloAck.newBuilder()
              .setSessionId(UUID.randomUUID().toString())
              .setInitialCredit(initialCredit)
              .setHeartbeatIntervalMs(heartbeatMs)
              .setMaxFrameSize(FrameFormat.DEFAULT_MAX_FRAME_SIZE)
              .setProtocolVersion(ProtocolVersion.CURRENT)
              .setServerTimeMs(System.currentTimeMillis())
              .addAllFeatures(hello.getFeaturesList());
          committed.getOrDefault(hello.getStreamId(), Map.of()).forEach((lane, seq) ->
              ack.addCommitted(LaneSequence.newBuilder().setLane(lane).setSequence(seq)));
          ctx.writeAndFlush(ack.build());
        } else if (session == null) {
          ctx.close();
        } else if (msg instanceof org.gridguard.protocol.v1.Heartbeat hb) {
          heartbeats++;
          if (replyToHeartbeats) {
            ctx.writeAndFlush(org.gridguard.protocol.v1.Heartbeat.newBuilder()
                .setSentTimeMs(System.currentTimeMillis()).setEchoTimeMs(hb.getSentTimeMs())
                .build());
          }
        } else if (msg instanceof Batch batch) {
          for (Record r : batch.getRecordsList()) {
            receive(batch.getLane(), r.getSequence(), () -> stored.get(batch.getLane()).add(r));
          }
          flushAcks(ctx.channel(), session);
        } else if (msg instanceof org.gridguard.protocol.v1.CommandResult result) {
          results.add(result);
        } else if (msg instanceof EvidenceChunk chunk) {
          receive(Lane.EVIDENCE, chunk.getSequence(), () -> storedEvidence.add(chunk));
          flushAcks(ctx.channel(), session);
        }
      }
    }

    private void receive(Lane lane, long seq, Runnable store) {
      if (session.credit <= 0) {
        overCredit++;
      }
      session.credit--;
      session.unacknowledgedItems++;
      long last = session.lastReceived.getOrDefault(lane, 0L);
      if (seq <= last) {
        outOfOrder++;
      }
      session.lastReceived.put(lane, seq);
      Map<Lane, Long> c = committed.computeIfAbsent(session.stream, k -> new EnumMap<>(Lane.class));
      if (seq <= c.getOrDefault(lane, 0L)) {
        replays++;
      } else {
        store.run();
        c.put(lane, seq);
      }
      session.toAck.merge(lane, c.get(lane), Math::max);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      synchronized (lock) {
        sessions.remove(ctx.channel());
        sessionState.remove(ctx.channel());
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.fireExceptionCaught(cause);
    }
  }
}
