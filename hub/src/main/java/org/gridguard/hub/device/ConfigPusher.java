package org.gridguard.hub.device;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.ingest.EdgeSession;
import org.gridguard.hub.ingest.EdgeSessions;
import org.gridguard.hub.ingest.SessionListener;
import org.gridguard.hub.schedule.PeriodicTask;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pushes each gateway's assembled configuration to its live session on this instance
 * (PROTOCOL.md §10): at Hello when the edge runs an older version, after every registry change,
 * and from a sweep every {@code sweep-interval} — which also brings this instance's sessions the
 * versions raised on another instance. Only sessions that listed {@code command.v1}. One push in
 * flight per gateway; unanswered after {@code result-timeout} it is sent again, at most
 * {@code max-attempts} times, then the version is marked failed (audited). The edge's
 * {@code CommandResult "config:<v>"} is stored; a refusal is audited with its problems.
 *
 * <p>Event-loop callbacks only hand work to {@link SessionWork}; the document (with stream
 * credentials) goes to the session and nowhere else.
 */
@Component
class ConfigPusher extends PeriodicTask implements SessionListener {
  private static final Logger log = LoggerFactory.getLogger(ConfigPusher.class);
  static final String RESULT_PREFIX = "config:";
  static final String CONTENT_TYPE = "application/yaml";
  /** Room for the frame header and the ConfigPush fields around the document. */
  private static final int FRAME_OVERHEAD = 1024;
  private static final int BACKFILL_PER_SWEEP = 100;

  /** A push awaiting its answer. */
  record InFlight(String sessionId, long version, int attempts, Instant sentAt) {}

  private final EdgeSessions sessions;
  private final ConfigVersions versions;
  private final GatewayConfigRepository rows;
  private final SessionWork work;
  private final AuditLog audit;
  private final Clock clock;
  private final ConfigPushProperties config;
  private final MeterRegistry meters;
  private final TransactionTemplate tx;
  /** Per gateway; entries leave with their session, so bounded by this instance's sessions. */
  private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

  ConfigPusher(EdgeSessions sessions, ConfigVersions versions, GatewayConfigRepository rows,
      SessionWork work, AuditLog audit, Clock clock, ConfigPushProperties config,
      MeterRegistry meters, PlatformTransactionManager transactions) {
    super("config-push", config.sweepInterval());
    this.sessions = sessions;
    this.versions = versions;
    this.rows = rows;
    this.work = work;
    this.audit = audit;
    this.clock = clock;
    this.config = config;
    this.meters = meters;
    this.tx = new TransactionTemplate(transactions);
    Gauge.builder("gridguard.config.push.inflight", inFlight, ConcurrentHashMap::size)
        .description("config pushes awaiting the edge's answer").register(meters);
  }

  // --- session events (event loop: hand off only) ---

  @Override
  public void opened(EdgeSession session) {
    work.submit("config push at hello of " + session.gatewayId(), () -> atHello(session));
  }

  @Override
  public void closed(EdgeSession session) {
    inFlight.computeIfPresent(session.gatewayId(),
        (id, f) -> f.sessionId().equals(session.sessionId()) ? null : f);
  }

  @Override
  public void commandResult(EdgeSession session, CommandResult result) {
    if (result.getCommandId().startsWith(RESULT_PREFIX)) {
      work.submit("config result of " + session.gatewayId(), () -> answered(session, result));
    }
  }

  // --- work (never on an event loop) ---

  /** Hello: the edge runs {@code configVersion}; push when ours is newer. */
  void atHello(EdgeSession session) {
    String id = session.gatewayId();
    Optional<ConfigVersions.Desired> desired = versions.desired(id, session.configVersion());
    rows.reported(id, session.configVersion(), clock.instant());
    if (desired.isPresent() && session.commands()
        && session.configVersion() < desired.get().version()) {
      push(session, desired.get(), false, "hello");
    }
  }

  /**
   * The registry of {@code gatewayId} changed (called after the commit): raise its version and
   * push it to a live session here.
   */
  void changed(String gatewayId) {
    Optional<ConfigVersions.Desired> desired = versions.desired(gatewayId, 0);
    if (desired.isEmpty()) {
      return;
    }
    Optional<EdgeSession> session = sessions.live(gatewayId).filter(EdgeSession::commands);
    if (session.isPresent() && due(desired.get())) {
      push(session.get(), desired.get(), false, "change");
    }
  }

  /**
   * A technician's "push now": clears a failure and sends the current version to the live
   * session here.
   *
   * @return the version sent, empty when the gateway has no command-capable session on this
   *     instance or its registry cannot be assembled
   */
  Optional<Long> force(String gatewayId) {
    Optional<EdgeSession> session = sessions.live(gatewayId).filter(EdgeSession::commands);
    if (session.isEmpty()) {
      return Optional.empty();
    }
    rows.clearFailure(gatewayId);
    Optional<ConfigVersions.Desired> desired = versions.desired(gatewayId, 0);
    desired.ifPresent(d -> push(session.get(), d, true, "forced"));
    return desired.map(ConfigVersions.Desired::version);
  }

  void answered(EdgeSession session, CommandResult result) {
    String id = session.gatewayId();
    long version;
    try {
      version = Long.parseUnsignedLong(result.getCommandId().substring(RESULT_PREFIX.length()));
    } catch (NumberFormatException e) {
      meters.counter("gridguard.config.push.results", "outcome", "malformed").increment();
      log.warn("gateway {} answered a config result with a malformed id", id);
      return;
    }
    Instant now = clock.instant();
    String problems = result.getOk() ? null : redactUserInfo(result.getMessage());
    // the refusal and its audit row commit together: whoever sees "failed" also finds the audit
    tx.executeWithoutResult(t -> {
      rows.result(id, version, result.getOk(), problems, now);
      if (!result.getOk()) {
        audit.record(new AuditEntry("gateway:" + id, null, "gateway.config.refused", "gateway",
            id, AuditEntry.FAILURE, null, null, cut("version " + version
                + " refused by the edge: " + problems, 1000)));
      }
    });
    inFlight.computeIfPresent(id, (k, f) -> f.sessionId().equals(session.sessionId())
        && f.version() <= version ? null : f);
    meters.counter("gridguard.config.push.results", "outcome", result.getOk() ? "ok" : "refused")
        .increment();
    if (!result.getOk()) {
      return;
    }
    // a newer version may have been raised while this one was on the way
    Optional<GatewayConfigRepository.Row> row = rows.find(id);
    if (row.isPresent() && row.get().version() > version) {
      versions.desired(id, 0).filter(this::due)
          .ifPresent(d -> push(session, d, false, "newer"));
    }
  }

  @Override
  protected Duration runOnce() {
    sweep();
    return config.sweepInterval();
  }

  /**
   * One sweep: rows for gateways that have none (registered before config push), then every
   * command-capable session here: resend an unanswered push after {@code result-timeout} (or
   * mark it failed after {@code max-attempts}), push a version the edge does not run.
   *
   * @return pushes sent
   */
  int sweep() {
    for (String id : rows.withoutRow(BACKFILL_PER_SWEEP)) {
      versions.desired(id, 0);
    }
    int sent = 0;
    int seen = 0;
    Instant now = clock.instant();
    for (EdgeSession session : sessions.all()) {
      if (!session.commands()) {
        continue;
      }
      if (++seen > config.maxSessionsPerSweep()) {
        break;
      }
      String id = session.gatewayId();
      InFlight f = inFlight.get(id);
      if (f != null && f.sessionId().equals(session.sessionId())) {
        if (Duration.between(f.sentAt(), now).compareTo(config.resultTimeout()) < 0) {
          continue;
        }
        if (f.attempts() >= config.maxAttempts()) {
          if (inFlight.remove(id, f)) {
            giveUp(id, f, now);
          }
          continue;
        }
      }
      Optional<ConfigVersions.Desired> desired = versions.desired(id, 0);
      if (desired.isEmpty()) {
        continue;
      }
      boolean resend = f != null && f.sessionId().equals(session.sessionId())
          && f.version() == desired.get().version();
      if (resend || due(desired.get())) {
        sent += push(session, desired.get(), false, resend ? "resend" : "sweep") ? 1 : 0;
      }
    }
    return sent;
  }

  /** Whether the edge does not run {@code d} and has not refused it or let it fail. */
  private boolean due(ConfigVersions.Desired d) {
    GatewayConfigRepository.Row row = rows.find(d.gatewayId()).orElse(null);
    if (row == null || row.appliedVersion() >= d.version()) {
      return false;
    }
    boolean refused = row.lastResultVersion() != null && row.lastResultVersion() == d.version()
        && Boolean.FALSE.equals(row.lastResultOk());
    boolean failed = row.pushFailedVersion() != null && row.pushFailedVersion() == d.version();
    return !refused && !failed;
  }

  /**
   * Sends {@code d} unless the same version is in flight to the same session (then only a
   * resend after the timeout, or {@code force}, sends it again).
   */
  private boolean push(EdgeSession session, ConfigVersions.Desired d, boolean force,
      String reason) {
    String id = session.gatewayId();
    Instant now = clock.instant();
    if (d.document().length > FrameFormat.DEFAULT_MAX_FRAME_SIZE - FRAME_OVERHEAD) {
      rows.result(id, d.version(), false, "the assembled configuration is "
          + d.document().length + " bytes, more than a frame carries ("
          + FrameFormat.DEFAULT_MAX_FRAME_SIZE + "); remove devices or settings", now);
      return false;
    }
    boolean[] send = new boolean[1];
    inFlight.compute(id, (k, cur) -> {
      boolean same = cur != null && cur.sessionId().equals(session.sessionId())
          && cur.version() == d.version();
      boolean timedOut = same
          && Duration.between(cur.sentAt(), now).compareTo(config.resultTimeout()) >= 0;
      if (same && !force && !timedOut) {
        return cur;
      }
      send[0] = true;
      return new InFlight(session.sessionId(), d.version(),
          same && !force ? cur.attempts() + 1 : 1, now);
    });
    if (!send[0]) {
      return false;
    }
    boolean handed = sessions.send(session, ConfigPush.newBuilder()
        .setConfigVersion(d.version())
        .setContentType(CONTENT_TYPE)
        .setDocument(ByteString.copyFrom(d.document()))
        .build());
    if (!handed) {
      inFlight.computeIfPresent(id, (k, f) -> f.sessionId().equals(session.sessionId()) ? null
          : f);
      return false;
    }
    meters.counter("gridguard.config.push.sent", "reason", reason).increment();
    log.info("config v{} pushed to gateway {} ({}, {} bytes)", d.version(), id, reason,
        d.document().length);
    return true;
  }

  private void giveUp(String id, InFlight f, Instant now) {
    tx.executeWithoutResult(t -> {
      rows.pushFailed(id, f.version(), now);
      audit.record(AuditEntry.failure("system", null, "gateway.config.unanswered", "gateway", id,
          "version " + f.version() + " unanswered after " + f.attempts() + " push(es), "
              + config.resultTimeout() + " each"));
    });
    meters.counter("gridguard.config.push.results", "outcome", "unanswered").increment();
    log.warn("config v{} of gateway {} unanswered after {} push(es): marked failed",
        f.version(), id, f.attempts());
  }

  private static final java.util.regex.Pattern USER_INFO =
      java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]*:)[^@\\s/]*@");

  /** An edge may quote a stream URL in a problem: its password is not stored or audited. */
  static String redactUserInfo(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "…" : text;
  }
}
