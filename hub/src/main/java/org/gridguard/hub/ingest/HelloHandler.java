package org.gridguard.hub.ingest;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.GatewayActivity;
import org.gridguard.hub.gateway.GatewayAuthenticator;
import org.gridguard.hub.health.DirectMemory;
import org.gridguard.hub.record.CursorCommitter;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.ProtocolFeatures;
import org.gridguard.protocol.ProtocolVersion;
import org.gridguard.protocol.MessageType;
import org.gridguard.protocol.ProtocolException;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.protocol.v1.RejectReason;

/**
 * Session set-up (PROTOCOL.md §3): a new connection counts as unauthenticated
 * ({@link UnauthenticatedConnections}, refused beyond its bounds) and may send only a Hello-sized
 * frame ({@link HelloFrameLimit}); the first frame must be Hello within the hello timeout; the
 * Hello passes {@link HelloAdmission} (fast lane, blocked, busy or the auth queue); the
 * credential (and, with mutual TLS, the client certificate's CN) is checked off the event loop;
 * then HelloAck carries the committed cursors, the initial credit (from the
 * {@link CreditBudget}) and the session's frame limit. Frames of an open session pass on;
 * anything before it is a protocol error.
 */
@Sharable
final class HelloHandler extends ChannelInboundHandlerAdapter {
  static final int PROTOCOL_VERSION = ProtocolVersion.CURRENT;
  static final String EVIDENCE_FEATURE = ProtocolFeatures.EVIDENCE_V1;
  private static final int AUTH_RETRY_AFTER_MS = 30_000;
  private static final AttributeKey<Boolean> HELLO_SEEN = AttributeKey.valueOf("gg-hello-seen");

  private final IngestProperties config;
  private final GatewayAuthenticator authenticator;
  private final CursorRepository cursors;
  private final CursorCommitter committer;
  private final SessionRegistry registry;
  private final Executor authExecutor;
  private final Executor fastExecutor;
  private final IngestMetrics metrics;
  private final CreditBudget credits;
  private final UnauthenticatedConnections unauthenticated;
  private final HelloAdmission admission;
  private final GatewayActivity activity;
  private final RecordsListener recordsListener;

  /**
   * The constructor {@code IngestConfiguration} calls: the fast lane (one thread, a queue of
   * {@code fast-auth-queue}), the unauthenticated-connection bounds and the Hello admission are
   * made here from {@code config}.
   */
  HelloHandler(IngestProperties config, GatewayAuthenticator authenticator,
      CursorRepository cursors, CursorCommitter committer, SessionRegistry registry,
      Executor authExecutor, IngestMetrics metrics, CreditBudget credits) {
    this(config, authenticator, cursors, committer, registry, authExecutor, metrics, credits,
        GatewayActivity.NONE, RecordsListener.NONE);
  }

  HelloHandler(IngestProperties config, GatewayAuthenticator authenticator,
      CursorRepository cursors, CursorCommitter committer, SessionRegistry registry,
      Executor authExecutor, IngestMetrics metrics, CreditBudget credits,
      GatewayActivity activity, RecordsListener recordsListener) {
    this(config, authenticator, cursors, committer, registry, authExecutor,
        IngestConfiguration.boundedExecutor("gg-auth-fast", 1, config.fastAuthQueue(),
            metrics.registry()),
        metrics, credits,
        new UnauthenticatedConnections(config.unauthenticated(), DirectMemory::usedRatio,
            config.directMemoryAlarm(), metrics),
        new HelloAdmission(config.helloFailures(), authenticator, Clock.systemUTC(), metrics),
        activity, recordsListener);
  }

  HelloHandler(IngestProperties config, GatewayAuthenticator authenticator,
      CursorRepository cursors, CursorCommitter committer, SessionRegistry registry,
      Executor authExecutor, Executor fastExecutor, IngestMetrics metrics, CreditBudget credits,
      UnauthenticatedConnections unauthenticated, HelloAdmission admission) {
    this(config, authenticator, cursors, committer, registry, authExecutor, fastExecutor, metrics,
        credits, unauthenticated, admission, GatewayActivity.NONE, RecordsListener.NONE);
  }

  HelloHandler(IngestProperties config, GatewayAuthenticator authenticator,
      CursorRepository cursors, CursorCommitter committer, SessionRegistry registry,
      Executor authExecutor, Executor fastExecutor, IngestMetrics metrics, CreditBudget credits,
      UnauthenticatedConnections unauthenticated, HelloAdmission admission,
      GatewayActivity activity, RecordsListener recordsListener) {
    this.activity = activity;
    this.recordsListener = recordsListener;
    this.credits = credits;
    this.config = config;
    this.authenticator = authenticator;
    this.cursors = cursors;
    this.committer = committer;
    this.registry = registry;
    this.authExecutor = authExecutor;
    this.fastExecutor = fastExecutor;
    this.metrics = metrics;
    this.unauthenticated = unauthenticated;
    this.admission = admission;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    String refused = unauthenticated.admit(channel);
    if (refused != null) {
      metrics.rejected(RejectReason.OVERLOADED);
      Rejects.rejectAndClose(channel, RejectReason.OVERLOADED, refused,
          (int) config.unauthenticated().retryAfter().toMillis());
      ctx.fireChannelActive();
      return;
    }
    channel.closeFuture().addListener(f -> unauthenticated.release(channel));
    var helloTimeout = ctx.executor().schedule(() -> {
      if (channel.isActive() && Session.of(channel) == null && channel.attr(HELLO_SEEN).get() == null
          && !Rejects.rejected(channel)) {
        metrics.rejected(RejectReason.IDLE_TIMEOUT);
        metrics.timeout("hello");
        Rejects.rejectAndClose(channel, RejectReason.IDLE_TIMEOUT,
            "no HELLO within " + config.helloTimeout().toMillis() + " ms", 0);
      }
    }, config.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
    // a refused or failed connection does not leave its timer queued for the whole timeout
    channel.closeFuture().addListener(f -> helloTimeout.cancel(false));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel channel = ctx.channel();
    Session open = Session.of(channel);
    if (open != null) {
      if (msg instanceof Hello) {
        throw new ProtocolException(ProtocolException.Kind.UNEXPECTED_MESSAGE,
            "second HELLO on an open session");
      }
      // last seen, devices heard, telemetry units: in memory; written later off the event loop
      activity.heard(open.gateway().id());
      if (msg instanceof Batch batch) {
        activity.records(open.gateway().id(), batch.getRecordsList());
        recordsListener.records(open.gateway().id(), batch.getRecordsList());
      }
      ctx.fireChannelRead(msg);
      return;
    }
    if (Rejects.rejected(channel)) {
      return; // refused already; what it pipelined does not matter
    }
    if (channel.attr(HELLO_SEEN).get() != null) {
      throw new ProtocolException(ProtocolException.Kind.UNEXPECTED_MESSAGE,
          MessageType.of((com.google.protobuf.MessageLite) msg) + " sent before HELLO_ACK");
    }
    if (!(msg instanceof Hello hello)) {
      throw new ProtocolException(ProtocolException.Kind.UNEXPECTED_MESSAGE,
          "the first frame must be HELLO, got " + MessageType.of((com.google.protobuf.MessageLite) msg));
    }
    channel.attr(HELLO_SEEN).set(Boolean.TRUE);
    int version = hello.getProtocolVersion();
    if (ProtocolVersion.negotiate(version) == ProtocolVersion.UNSUPPORTED) {
      metrics.rejected(RejectReason.UNSUPPORTED_VERSION);
      Rejects.rejectAndClose(channel, RejectReason.UNSUPPORTED_VERSION, "Hello.protocol_version "
          + version + " is not served; this hub speaks " + PROTOCOL_VERSION, 0);
      return;
    }
    String certificateName = ClientCertificates.name(ctx);
    if (certificateName != null && !certificateName.equals(hello.getGatewayId())) {
      reject(channel, RejectReason.BAD_CREDENTIAL);
      return;
    }
    boolean byCertificate = certificateName != null;
    HelloAdmission.Decision decision = admission.decide(
        UnauthenticatedConnections.address(channel.remoteAddress()), hello.getGatewayId(),
        hello.getCredential(), byCertificate);
    switch (decision.kind()) {
      case BLOCKED -> {
        metrics.rejected(RejectReason.BAD_CREDENTIAL);
        Rejects.rejectAndClose(channel, RejectReason.BAD_CREDENTIAL, decision.message(),
            decision.retryAfterMs());
        return;
      }
      case BUSY -> {
        metrics.rejected(RejectReason.OVERLOADED);
        Rejects.rejectAndClose(channel, RejectReason.OVERLOADED, decision.message(),
            decision.retryAfterMs());
        return;
      }
      default -> { }
    }
    boolean fast = decision.kind() == HelloAdmission.Kind.FAST;
    metrics.helloLane(fast ? "fast" : "normal");
    channel.config().setAutoRead(false);
    try {
      (fast ? fastExecutor : authExecutor).execute(
          () -> authenticate(channel, hello, byCertificate, decision));
    } catch (RejectedExecutionException e) {
      admission.done(decision);
      metrics.rejected(RejectReason.OVERLOADED);
      Rejects.rejectAndClose(channel, RejectReason.OVERLOADED,
          "too many gateways connecting at once", 5_000);
    }
  }

  /** Runs on an auth executor: blocking database and (normal lane) PBKDF2 work. */
  private void authenticate(Channel channel, Hello hello, boolean byCertificate,
      HelloAdmission.Decision decision) {
    try {
      if (!channel.isActive()) {
        return;
      }
      GatewayAuthenticator.Result result;
      Map<Lane, Long> committed;
      try {
        result = byCertificate && hello.getCredential().isEmpty()
            ? authenticator.byCertificate(hello.getGatewayId())
            : authenticator.authenticate(hello.getGatewayId(), hello.getCredential());
        committed = result.accepted() ? cursors.committed(hello.getGatewayId(), hello.getStreamId())
            : Map.of();
      } catch (RuntimeException e) {
        channel.eventLoop().execute(() -> {
          metrics.rejected(RejectReason.OVERLOADED);
          Rejects.rejectAndClose(channel, RejectReason.OVERLOADED,
              "hub cannot check credentials now (database unavailable)", 5_000);
        });
        return;
      }
      admission.outcome(decision, result);
      channel.eventLoop().execute(() -> open(channel, hello, result, committed));
    } finally {
      admission.done(decision);
    }
  }

  private void open(Channel channel, Hello hello, GatewayAuthenticator.Result result,
      Map<Lane, Long> stored) {
    if (!channel.isActive()) {
      return;
    }
    if (!result.accepted()) {
      reject(channel, result.reject());
      return;
    }
    long priority = committed(hello, Lane.PRIORITY, stored);
    long bulk = committed(hello, Lane.BULK, stored);
    long evidence = committed(hello, Lane.EVIDENCE, stored);
    int credit = credits.allocate();
    channel.closeFuture().addListener(f -> credits.release(credit));
    Session session = new Session(channel, result.gateway(), hello.getStreamId(),
        UUID.randomUUID().toString(), priority, bulk, evidence, credit);
    session.evidenceEnabled(hello.getFeaturesList().contains(EVIDENCE_FEATURE));
    java.util.Set<String> features = ProtocolFeatures.shared(ProtocolFeatures.V1_0,
        hello.getFeaturesList());
    session.info(new EdgeSession(result.gateway().id(), session.sessionId(), features,
        hello.getConfigVersion()));
    channel.attr(Session.KEY).set(session);
    unauthenticated.release(channel);
    authenticator.sessionOpened(hello.getGatewayId(), hello.getCredential());
    channel.closeFuture().addListener(f -> authenticator.sessionClosed(hello.getGatewayId()));
    activity.opened(hello.getGatewayId(), hello.getSoftwareVersion());
    channel.closeFuture().addListener(f -> activity.closed(hello.getGatewayId()));
    registry.open(session);
    HelloFrameLimit.lift(channel, config.maxFrameSize());
    HelloAck.Builder ack = HelloAck.newBuilder()
        .setSessionId(session.sessionId())
        .setInitialCredit(credit)
        .setHeartbeatIntervalMs((int) config.heartbeatInterval().toMillis())
        .setMaxFrameSize(config.maxFrameSize())
        .setProtocolVersion(ProtocolVersion.negotiate(hello.getProtocolVersion()))
        .setServerTimeMs(System.currentTimeMillis());
    if (priority > 0) {
      ack.addCommitted(LaneSequence.newBuilder().setLane(Lane.PRIORITY).setSequence(priority));
    }
    if (bulk > 0) {
      ack.addCommitted(LaneSequence.newBuilder().setLane(Lane.BULK).setSequence(bulk));
    }
    if (evidence > 0) {
      ack.addCommitted(LaneSequence.newBuilder().setLane(Lane.EVIDENCE).setSequence(evidence));
    }
    if (session.evidenceEnabled()) {
      ack.addFeatures(EVIDENCE_FEATURE);
    }
    if (features.contains(ProtocolFeatures.COMMAND_V1)) {
      ack.addFeatures(ProtocolFeatures.COMMAND_V1); // config push and commands (§10)
    }
    channel.writeAndFlush(ack.build());
    channel.config().setAutoRead(true);
    registry.announce(session); // after the HelloAck: a push sent now follows it on the wire
  }

  /** The stored cursor, or a higher one this instance knows durable but has not written yet. */
  private long committed(Hello hello, Lane lane, Map<Lane, Long> stored) {
    long fromDb = stored.getOrDefault(lane, 0L);
    long pending = committer.pending(new StreamKey(hello.getGatewayId(), hello.getStreamId(), lane));
    return Math.max(fromDb, pending);
  }

  private void reject(Channel channel, RejectReason reason) {
    metrics.rejected(reason);
    Rejects.rejectAndClose(channel, reason, "gateway not accepted: " + reason,
        AUTH_RETRY_AFTER_MS);
  }
}
