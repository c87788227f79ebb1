package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.LogThrottle;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolErrorHandler;
import org.gridguard.protocol.ProtocolPipeline;
import org.gridguard.protocol.v1.RejectReason;

/**
 * The whole ingest pipeline, in order, with its handler names. A new connection starts with the
 * Hello-sized frame limit ({@link HelloFrameLimit}); protocol and connection error lines are
 * rate-limited per kind ({@code gridguard_log_suppressed_total} counts what was left out).
 */
final class IngestChannelInitializer extends ChannelInitializer<Channel> {
  static final String TLS = "gg-tls";
  static final String IDLE = "gg-idle";
  static final String HELLO = "gg-hello";
  static final String BATCH = "gg-batch";
  static final String EVIDENCE = "gg-evidence";
  static final String COMMAND_RESULTS = "gg-command-results";
  static final String LIVENESS = "gg-liveness";
  static final String ERRORS = "gg-errors";

  private final IngestProperties config;
  private final SslContext ssl;
  private final ChannelGroup channels;
  private final HelloHandler hello;
  private final BatchHandler batch;
  private final EvidenceHandler evidence;
  private final LivenessHandler liveness;
  private final CommandResultHandler commandResults;
  private final ProtocolErrorHandler protocolErrors;
  private final ConnectionErrorHandler errors;
  private final IngestMetrics metrics;

  IngestChannelInitializer(IngestProperties config, SslContext ssl, ChannelGroup channels,
      HelloHandler hello, BatchHandler batch, EvidenceHandler evidence, LivenessHandler liveness,
      IngestMetrics metrics) {
    this(config, ssl, channels, hello, batch, evidence, null, liveness, metrics);
  }

  /** @param commandResults null: command results reach the liveness handler (logged only) */
  IngestChannelInitializer(IngestProperties config, SslContext ssl, ChannelGroup channels,
      HelloHandler hello, BatchHandler batch, EvidenceHandler evidence,
      CommandResultHandler commandResults, LivenessHandler liveness, IngestMetrics metrics) {
    this.commandResults = commandResults;
    this.evidence = evidence;
    this.config = config;
    this.ssl = ssl;
    this.channels = channels;
    this.hello = hello;
    this.batch = batch;
    this.liveness = liveness;
    LogThrottle protocolLog = new LogThrottle(ProtocolErrorHandler.logger(),
        ProtocolErrorHandler.DEFAULT_LOG_PER_MINUTE, Duration.ofMinutes(1));
    this.protocolErrors = new ProtocolErrorHandler(Peer.HUB, (ctx, e) -> metrics.protocolError(),
        protocolLog, Rejects.LINGER);
    LogThrottle errorLog = new LogThrottle(ConnectionErrorHandler.logger(),
        ProtocolErrorHandler.DEFAULT_LOG_PER_MINUTE, Duration.ofMinutes(1));
    this.errors = new ConnectionErrorHandler(metrics, errorLog);
    this.metrics = metrics;
    MeterRegistry meters = metrics.registry();
    meters.gauge("gridguard.ingest.connections", channels, ChannelGroup::size);
    FunctionCounter.builder("gridguard.log.suppressed", protocolLog, LogThrottle::suppressed)
        .tag("logger", "protocol-errors").register(meters);
    FunctionCounter.builder("gridguard.log.suppressed", errorLog, LogThrottle::suppressed)
        .tag("logger", "connection-errors").register(meters);
    Rejects.registerMetrics(meters);
  }

  @Override
  protected void initChannel(Channel channel) {
    channels.add(channel);
    ChannelPipeline p = channel.pipeline();
    if (ssl != null) {
      p.addLast(TLS, ssl.newHandler(channel.alloc()));
    }
    // Until HelloAck the gateway's own limit is unknown; the protocol default applies (§2.5).
    // Inbound, only a Hello-sized frame until then (HelloHandler lifts it).
    ProtocolPipeline.addCodec(p, Peer.HUB, config.maxHelloFrameSize(),
        FrameFormat.DEFAULT_MAX_FRAME_SIZE);
    HelloFrameLimit.restrict(channel, config.maxHelloFrameSize());
    long heartbeat = config.heartbeatInterval().toMillis();
    p.addLast(IDLE, new IdleStateHandler(3 * heartbeat, heartbeat, 0, TimeUnit.MILLISECONDS));
    p.addLast(HELLO, hello);
    p.addLast(BATCH, batch);
    p.addLast(EVIDENCE, evidence);
    if (commandResults != null) {
      p.addLast(COMMAND_RESULTS, commandResults);
    }
    p.addLast(LIVENESS, liveness);
    p.addLast(ProtocolPipeline.PROTOCOL_ERRORS, protocolErrors);
    p.addLast(ERRORS, errors);
    if (channels.size() > config.maxConnections()) {
      // answered once the channel is active (after the TLS handshake the Reject is sent in)
      channel.eventLoop().execute(() -> {
        metrics.rejected(RejectReason.OVERLOADED);
        Rejects.rejectAndClose(channel, RejectReason.OVERLOADED, "hub serves its maximum of "
            + config.maxConnections() + " connections", 30_000);
      });
    }
  }
}
