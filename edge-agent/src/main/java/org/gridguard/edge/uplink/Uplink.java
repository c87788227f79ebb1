package org.gridguard.edge.uplink;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.protocol.Backoff;
import org.gridguard.protocol.ProtocolVersion;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.protocol.v1.Reject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty client that drains the spool to the hub (PROTOCOL.md §3–§8): connects, says Hello,
 * resends everything above the hub's committed sequences within the credit window, advances the
 * spool's cursors on Ack, heartbeats, and reconnects with jittered exponential backoff.
 *
 * <p>Threads: one Netty event loop ({@code uplink-io}) for the socket, one sender thread
 * ({@code uplink-sender}) that reads the spool and writes frames; the event loop never touches
 * the disk.
 */
public final class Uplink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Uplink.class);
  private static final int WRITE_LOW = 256 << 10;
  private static final int WRITE_HIGH = 1 << 20;

  private final GatewayConfig gateway;
  private final HubAddress hub;
  private final UplinkConfig config;
  private final Spool spool;
  private final String bootId;
  private final String softwareVersion;
  private final Metrics metrics;
  private final SslContext ssl;
  private final EventLoopGroup group;
  private final ScheduledExecutorService sender;
  private final Backoff backoff;
  private final HubRequestWorker requests;
  /** Hello.features: {@code command.v1} only when something takes the hub's requests. */
  private final List<String> features;
  private final AtomicBoolean pumpScheduled = new AtomicBoolean();
  private final List<Runnable> sessionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile UplinkSession session;
  private volatile boolean closed;

  public Uplink(GatewayConfig gateway, HubAddress hub, UplinkConfig config, Spool spool,
      String bootId, String softwareVersion, Metrics metrics) throws SSLException {
    this(gateway, hub, config, spool, bootId, softwareVersion, metrics, HubRequests.NONE);
  }

  /**
   * @param requests what the agent does with the hub's config pushes and commands (called off
   *     the event loop); it also says which push version Hello reports
   */
  public Uplink(GatewayConfig gateway, HubAddress hub, UplinkConfig config, Spool spool,
      String bootId, String softwareVersion, Metrics metrics, HubRequests requests)
      throws SSLException {
    this.gateway = gateway;
    this.hub = hub;
    this.config = config;
    this.spool = spool;
    this.bootId = bootId;
    this.softwareVersion = softwareVersion;
    this.metrics = metrics;
    this.ssl = hub.tls() == null ? null : TlsContexts.client(hub.tls());
    this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("uplink-io", true));
    this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "uplink-sender");
      t.setDaemon(true);
      return t;
    });
    this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
    this.requests = new HubRequestWorker(requests, metrics);
    this.features = requests == HubRequests.NONE ? UplinkSession.FEATURES
        : List.of(org.gridguard.protocol.ProtocolFeatures.EVIDENCE_V1,
            org.gridguard.protocol.ProtocolFeatures.COMMAND_V1);
    metrics.gauge("uplink.connected", () -> connected() ? 1 : 0);
    metrics.gauge("uplink.credit", () -> {
      UplinkSession s = session;
      return s == null ? 0 : s.credit();
    });
    spool.onDurable(this::kick);
  }

  /** Runs after every HelloAck, on the sender thread (the spool reporter hooks in here). */
  public void onSessionOpen(Runnable listener) {
    sessionListeners.add(listener);
  }

  public void start() {
    onSender(this::connect);
  }

  public boolean connected() {
    UplinkSession s = session;
    return s != null && s.open() && s.channel().isActive();
  }

  void onSender(Runnable task) {
    if (closed) {
      return;
    }
    try {
      sender.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("uplink sender task failed", e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /** New durable items, credit or writability: pump once soon (coalesced). */
  void kick() {
    if (pumpScheduled.compareAndSet(false, true)) {
      onSender(() -> {
        pumpScheduled.set(false);
        UplinkSession s = session;
        if (s != null) {
          pumpNow(s);
        }
      });
    }
  }

  void pumpNow(UplinkSession s) {
    if (s != session) {
      return;
    }
    try {
      s.pump();
    } catch (IOException e) {
      log.error("uplink: reading the spool failed; closing the connection to retry", e);
      s.channel().close();
    }
  }

  private Hello hello() {
    Hello.Builder b = Hello.newBuilder()
        .setGatewayId(gateway.id())
        .setCredential(gateway.credential())
        .setProtocolVersion(ProtocolVersion.CURRENT)
        .setSoftwareVersion(softwareVersion)
        .setBootId(bootId)
        .setStreamId(spool.streamId().toString())
        .addAllFeatures(features)
        .setMaxFrameSize(config.maxFrameSize())
        .setConfigVersion(requests.configVersion());
    for (Lane lane : List.of(Lane.PRIORITY, Lane.EVIDENCE, Lane.BULK)) {
      b.addAcked(LaneSequence.newBuilder().setLane(lane).setSequence(spool.acknowledged(lane)));
    }
    return b.build();
  }

  private void connect() {
    if (closed) {
      return;
    }
    metrics.counter("uplink.connects").increment();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(WRITE_LOW, WRITE_HIGH))
        .handler(new UplinkChannelInitializer(this, hub, config, ssl, spool, metrics,
            ch -> {
              UplinkSession s = new UplinkSession(ch, spool, config.batchRecords(), metrics);
              session = s;
              return s;
            }, this::hello, requests));
    ChannelFuture f = bootstrap.connect(hub.host(), hub.port());
    f.addListener(done -> {
      if (!done.isSuccess()) {
        log.info("uplink: cannot connect to {}:{}: {}", hub.host(), hub.port(),
            done.cause() == null ? "cancelled" : done.cause().getMessage());
        onSender(this::scheduleReconnect);
      }
    });
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    long delay = backoff.nextDelayMs();
    log.info("uplink: reconnecting in {} ms", delay);
    try {
      sender.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /** On the sender thread, after HelloAck. */
  void sessionOpened(UplinkSession s, HelloAck ack) {
    if (s != session || !s.channel().isActive()) {
      return;
    }
    // The same negotiation the hub ran on our Hello (PROTOCOL.md §9): a hub answering another
    // major, or a minor above ours, is not one this edge can talk to.
    int version = ack.getProtocolVersion();
    if (ProtocolVersion.negotiate(version) != version) {
      metrics.counter("uplink.version_mismatches").increment();
      log.error("uplink: hub answered protocol version {} to our {}; closing (retrying with "
          + "backoff)", ProtocolVersion.describe(version),
          ProtocolVersion.describe(ProtocolVersion.CURRENT));
      s.channel().close();
      return;
    }
    s.opened(ack);
    metrics.counter("uplink.sessions").increment();
    for (Runnable r : sessionListeners) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("uplink session listener failed", e);
      }
    }
    pumpNow(s);
  }

  /** On the event loop. */
  void rejected(Reject reject) {
    metrics.counter("uplink.rejects").increment();
    log.warn("uplink: hub rejected the session: {} {} (retry after {} ms)", reject.getReason(),
        reject.getMessage(), reject.getRetryAfterMs());
    if (reject.getRetryAfterMs() > 0) {
      onSender(() -> backoff.retryAfter(reject.getRetryAfterMs()));
    }
  }

  /** On the event loop, when the connection is gone. */
  void disconnected(UplinkSession s) {
    onSender(() -> {
      if (s != session) {
        return;
      }
      if (s.open() && System.nanoTime() - s.openedAtNanos()
          >= config.backoffResetAfter().toNanos()) {
        backoff.reset();
      }
      log.info("uplink: disconnected from {}:{}", hub.host(), hub.port());
      session = null;
      scheduleReconnect();
    });
  }

  /** Closes the connection and stops reconnecting; unacknowledged items stay in the spool. */
  @Override
  public void close() {
    closed = true;
    UplinkSession s = session;
    if (s != null) {
      s.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    sender.shutdownNow();
    requests.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** A fresh random boot id (PROTOCOL.md §3.3). */
  public static String newBootId() {
    return UUID.randomUUID().toString();
  }
}
