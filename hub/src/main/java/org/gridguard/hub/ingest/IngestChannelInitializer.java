package org.gridguard.hub.ingest;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.ProtocolErrorHandler;
import org.gridguard.protocol.ProtocolPipeline;
import org.gridguard.protocol.v1.RejectReason;

/** The whole ingest pipeline, in order, with its handler names. */
final class IngestChannelInitializer extends ChannelInitializer<Channel> {
  static final String TLS = "gg-tls";
  static final String IDLE = "gg-idle";
  static final String HELLO = "gg-hello";
  static final String BATCH = "gg-batch";
  static final String EVIDENCE = "gg-evidence";
  static final String LIVENESS = "gg-liveness";
  static final String ERRORS = "gg-errors";

  private final IngestProperties config;
  private final SslContext ssl;
  private final ChannelGroup channels;
  private final HelloHandler hello;
  private final BatchHandler batch;
  private final EvidenceHandler evidence;
  private final LivenessHandler liveness;
  private final ProtocolErrorHandler protocolErrors;
  private final ConnectionErrorHandler errors = new ConnectionErrorHandler();
  private final IngestMetrics metrics;

  IngestChannelInitializer(IngestProperties config, SslContext ssl, ChannelGroup channels,
      HelloHandler hello, BatchHandler batch, EvidenceHandler evidence, LivenessHandler liveness,
      IngestMetrics metrics) {
    this.evidence = evidence;
    this.config = config;
    this.ssl = ssl;
    this.channels = channels;
    this.hello = hello;
    this.batch = batch;
    this.liveness = liveness;
    this.protocolErrors = new ProtocolErrorHandler(Peer.HUB, (ctx, e) -> metrics.protocolError());
    this.metrics = metrics;
    metrics.registry().gauge("gridguard.ingest.connections", channels, ChannelGroup::size);
  }

  @Override
  protected void initChannel(Channel channel) {
    channels.add(channel);
    ChannelPipeline p = channel.pipeline();
    if (ssl != null) {
      p.addLast(TLS, ssl.newHandler(channel.alloc()));
    }
    // Until HelloAck the gateway's own limit is unknown; the protocol default applies (§2.5).
    ProtocolPipeline.addCodec(p, Peer.HUB, config.maxFrameSize(), FrameFormat.DEFAULT_MAX_FRAME_SIZE);
    long heartbeat = config.heartbeatInterval().toMillis();
    p.addLast(IDLE, new IdleStateHandler(3 * heartbeat, heartbeat, 0, TimeUnit.MILLISECONDS));
    p.addLast(HELLO, hello);
    p.addLast(BATCH, batch);
    p.addLast(EVIDENCE, evidence);
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
