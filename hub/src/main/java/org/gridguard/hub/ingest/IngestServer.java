package org.gridguard.hub.ingest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The edge-facing Netty server, started and stopped with the Spring context. Epoll when the
 * native transport is available, NIO otherwise. On stop every session gets
 * Reject(SHUTTING_DOWN) (PROTOCOL.md §3.1).
 */
public final class IngestServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(IngestServer.class);

  private final IngestProperties config;
  private final SessionRegistry registry;
  private final Function<ChannelGroup, IngestChannelInitializer> initializer;
  private final ChannelGroup channels = new DefaultChannelGroup("ingest", GlobalEventExecutor.INSTANCE);
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel server;

  IngestServer(IngestProperties config, SessionRegistry registry,
      Function<ChannelGroup, IngestChannelInitializer> initializer) {
    this.config = config;
    this.registry = registry;
    this.initializer = initializer;
  }

  @Override
  public synchronized void start() {
    boolean epoll = Epoll.isAvailable();
    Class<? extends ServerChannel> channelType;
    if (epoll) {
      boss = new EpollEventLoopGroup(1, new DefaultThreadFactory("gg-ingest-accept"));
      workers = new EpollEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("gg-ingest-io"));
      channelType = EpollServerSocketChannel.class;
    } else {
      boss = new NioEventLoopGroup(1, new DefaultThreadFactory("gg-ingest-accept"));
      workers = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("gg-ingest-io"));
      channelType = NioServerSocketChannel.class;
    }
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(initializer.apply(channels));
    try {
      server = bootstrap.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the ingest port", e);
    } catch (Exception e) {
      shutdownGroups();
      throw new IllegalStateException("cannot listen on gridguard.ingest " + config.host() + ":"
          + config.port() + ": " + e.getMessage(), e);
    }
    log.info("ingest listening on {} ({}{})", server.localAddress(), epoll ? "epoll" : "nio",
        config.tls().enabled() ? ", TLS" : ", plain TCP");
  }

  /** The bound port (useful with {@code gridguard.ingest.port=0}). */
  public synchronized int port() {
    return server == null ? -1 : ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    for (Session session : registry.all()) {
      session.channel().eventLoop().execute(() -> Rejects.rejectAndClose(session.channel(),
          RejectReason.SHUTTING_DOWN, "hub is stopping", 0));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!registry.all().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    server = null;
    shutdownGroups();
  }

  private void shutdownGroups() {
    if (workers != null) {
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
      workers = null;
      boss = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Starts after the telemetry writers and cursor committer, stops before them. */
  @Override
  public int getPhase() {
    return 2000;
  }
}
