package org.gridguard.edge.uplink;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolErrorHandler;
import org.gridguard.protocol.ProtocolPipeline;
import org.gridguard.protocol.v1.Hello;

/**
 * The whole uplink pipeline, in order, with its handler names: one small handler per hub
 * message (like the hub's {@code IngestChannelInitializer}); each passes on what is not its own,
 * and {@link ConnectionHandler} at the tail ignores what nobody took. Handlers without
 * per-connection state are shared by every connection.
 */
final class UplinkChannelInitializer extends ChannelInitializer<SocketChannel> {
  static final String TLS = "gg-tls";
  static final String IDLE = "gg-idle";
  static final String HELLO = "gg-hello";
  static final String ACK = "gg-ack";
  static final String CREDIT = "gg-credit";
  static final String REJECT = "gg-reject";
  static final String HEARTBEAT = "gg-heartbeat";
  static final String CONFIG_PUSH = "gg-config-push";
  static final String COMMAND = "gg-command";
  static final String CONNECTION = "gg-connection";

  private final Uplink uplink;
  private final HubAddress hub;
  private final UplinkConfig config;
  private final SslContext ssl;
  private final Metrics metrics;
  private final Function<SocketChannel, UplinkSession> sessions;
  private final Supplier<Hello> hello;
  private final AckHandler acks;
  private final RejectHandler rejects;
  private final ConfigPushHandler configPush;
  private final CommandHandler commands;
  private final ProtocolErrorHandler protocolErrors;

  /**
   * @param sessions makes (and registers with the uplink) the session of a new connection
   * @param hello the Hello of a new connection (it carries the spool's current acks)
   * @param requests carries out the hub's config pushes and commands off the event loop
   */
  UplinkChannelInitializer(Uplink uplink, HubAddress hub, UplinkConfig config, SslContext ssl,
      Spool spool, Metrics metrics, Function<SocketChannel, UplinkSession> sessions,
      Supplier<Hello> hello, HubRequestWorker requests) {
    this.uplink = uplink;
    this.hub = hub;
    this.config = config;
    this.ssl = ssl;
    this.metrics = metrics;
    this.sessions = sessions;
    this.hello = hello;
    this.acks = new AckHandler(spool, metrics);
    this.rejects = new RejectHandler(uplink);
    this.configPush = new ConfigPushHandler(requests);
    this.commands = new CommandHandler(requests);
    this.protocolErrors = new ProtocolErrorHandler(Peer.EDGE,
        (ctx, e) -> metrics.counter("uplink.protocol_errors").increment());
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    UplinkSession session = sessions.apply(ch);
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast(TLS, tls(ch));
    }
    ProtocolPipeline.addCodec(p, Peer.EDGE, config.maxFrameSize(),
        FrameFormat.DEFAULT_MAX_FRAME_SIZE);
    long hb = config.heartbeatInterval().toMillis();
    p.addLast(IDLE, new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS));
    p.addLast(HELLO, new HelloExchange(uplink, session, hello.get(),
        config.connectTimeout().toMillis()));
    p.addLast(ACK, acks);
    p.addLast(CREDIT, new CreditHandler(uplink, session));
    p.addLast(REJECT, rejects);
    p.addLast(HEARTBEAT, new HeartbeatHandler(metrics));
    p.addLast(CONFIG_PUSH, configPush);
    p.addLast(COMMAND, commands);
    p.addLast(ProtocolPipeline.PROTOCOL_ERRORS, protocolErrors);
    p.addLast(CONNECTION, new ConnectionHandler(uplink, session));
  }

  private SslHandler tls(SocketChannel ch) {
    SslHandler handler = ssl.newHandler(ch.alloc(), hub.host(), hub.port());
    if (hub.tls().verifyHostname()) {
      SSLEngine engine = handler.engine();
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
    }
    return handler;
  }
}
