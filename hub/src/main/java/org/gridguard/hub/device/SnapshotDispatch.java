package org.gridguard.hub.device;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.ingest.EdgeSession;
import org.gridguard.hub.ingest.EdgeSessions;
import org.gridguard.hub.ingest.SessionListener;
import org.gridguard.hub.schedule.PeriodicTask;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.RequestSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gridguard.hub.schedule.PostgresListen;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands "snapshot now" requests to the gateway's session on whichever hub instance holds it. A
 * request is a pending {@code camera_snapshot} row; the instance holding the session claims it
 * with a conditional UPDATE ({@code sent_at IS NULL}), so the command is sent once, and sends
 * {@code Command{request_snapshot}}. This instance looks for requests for its sessions
 * <ul>
 *   <li>at once when the asking instance is this one (through {@link #send});
 *   <li>on PostgreSQL when {@code NOTIFY gridguard_camera_snapshot '<gateway>'} arrives
 *       ({@link SnapshotListener}, a connection of its own);
 *   <li>when a session opens (a request made while the gateway was reconnecting);
 *   <li>every {@code poll-interval} (≤ 1 s) on H2, every {@code safety-poll-interval} on
 *       PostgreSQL: one bounded query over this instance's gateways, none without sessions.
 * </ul>
 * A request not sent within {@code gridguard.config-push.result-timeout} is no longer sent.
 */
@Component
class SnapshotDispatch extends PeriodicTask implements SessionListener {
  static final String CHANNEL = "gridguard_camera_snapshot";
  private static final Logger log = LoggerFactory.getLogger(SnapshotDispatch.class);
  private static final int GATEWAYS_PER_QUERY = 500;

  private final SnapshotRepository snapshots;
  private final EdgeSessions sessions;
  private final SessionWork work;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ConfigPushProperties push;
  private final SnapshotDispatchProperties config;
  private final MeterRegistry meters;
  private final boolean postgres;
  private final GatewayRepository gateways;

  SnapshotDispatch(SnapshotRepository snapshots, EdgeSessions sessions, SessionWork work,
      JdbcTemplate jdbc, Clock clock, ConfigPushProperties push,
      SnapshotDispatchProperties config, MeterRegistry meters, GatewayRepository gateways) {
    super("camera-snapshot-dispatch", config.pollInterval());
    this.snapshots = snapshots;
    this.sessions = sessions;
    this.work = work;
    this.jdbc = jdbc;
    this.clock = clock;
    this.push = push;
    this.config = config;
    this.meters = meters;
    this.postgres = PostgresListen.isPostgres(jdbc);
    this.gateways = gateways;
  }

  boolean postgres() {
    return postgres;
  }

  /** Tells the other instances that {@code gatewayId} has a new request (PostgreSQL only). */
  void announce(String gatewayId) {
    if (postgres) {
      PostgresListen.notify(jdbc, CHANNEL, gatewayId);
    }
  }

  /** A notification named {@code gatewayId}: deliver its requests if its session is here. */
  void wake(String gatewayId) {
    if (sessions.live(gatewayId).isPresent()) {
      work.submit("snapshot requests of " + gatewayId, () -> deliver(gatewayId));
    }
  }

  /** The LISTEN connection was (re)opened: a notification may have been missed. */
  void wakeAll() {
    work.submit("snapshot requests of every session", this::poll);
  }

  /**
   * Marks the gateway heard now (the activity recorder writes it only every flush interval, and
   * another instance asked for a snapshot judges "connected somewhere" by it), then sends what
   * was requested while it was away.
   */
  @Override
  public void opened(EdgeSession session) {
    work.submit("snapshot requests of " + session.gatewayId(), () -> {
      gateways.seen(session.gatewayId(), clock.instant());
      deliver(session.gatewayId());
    });
  }

  /** Sends the gateway's unsent requests if its session is on this instance; how many sent. */
  int deliver(String gatewayId) {
    Optional<EdgeSession> session = sessions.live(gatewayId);
    if (session.isEmpty()) {
      return 0;
    }
    int sent = 0;
    for (SnapshotRepository.Row row : snapshots.unsent(List.of(gatewayId), oldestToSend(),
        config.maxPerPoll())) {
      sent += send(session.get(), row) ? 1 : 0;
    }
    return sent;
  }

  /** One look at the unsent requests of every session here; how many sent. */
  int poll() {
    List<String> here = sessions.all().stream().map(EdgeSession::gatewayId).distinct().toList();
    int sent = 0;
    int read = 0;
    for (int from = 0; from < here.size() && read < config.maxPerPoll();
        from += GATEWAYS_PER_QUERY) {
      List<SnapshotRepository.Row> rows = snapshots.unsent(
          here.subList(from, Math.min(here.size(), from + GATEWAYS_PER_QUERY)), oldestToSend(),
          config.maxPerPoll() - read);
      read += rows.size();
      for (SnapshotRepository.Row row : rows) {
        Optional<EdgeSession> session = sessions.live(row.gatewayId());
        if (session.isPresent() && send(session.get(), row)) {
          sent++;
        }
      }
    }
    return sent;
  }

  /**
   * Claims the request and sends it to {@code session}. False when another caller claimed it,
   * the session cannot take commands (the request is then answered as failed, saying why) or the
   * session closed meanwhile (the claim is given back: another session may send it).
   */
  boolean send(EdgeSession session, SnapshotRepository.Row row) {
    Instant now = clock.instant();
    if (!snapshots.claim(row.commandId(), now)) {
      return false;
    }
    if (!session.commands()) {
      snapshots.answered(row.commandId(), false, "gateway " + session.gatewayId() + "'s session "
          + "did not list feature command.v1: its edge agent cannot take a snapshot command "
          + "(update it)", null, now);
      meters.counter("gridguard.camera.snapshot.results", "outcome", "failed").increment();
      return false;
    }
    boolean sent = sessions.send(session, Command.newBuilder().setCommandId(row.commandId())
        .setRequestSnapshot(RequestSnapshot.newBuilder().setDeviceId(row.deviceId())).build());
    if (!sent) {
      snapshots.unclaim(row.commandId());
      return false;
    }
    meters.counter("gridguard.camera.snapshot.sent").increment();
    log.debug("snapshot {} of {}/{} sent", row.commandId(), row.gatewayId(), row.deviceId());
    return true;
  }

  private Instant oldestToSend() {
    return clock.instant().minus(push.resultTimeout());
  }

  @Override
  protected Duration runOnce() {
    poll();
    return postgres ? config.safetyPollInterval() : config.pollInterval();
  }

  /** At ≤ 1 s a warning for each failed poll would flood; the next one retries. */
  @Override
  protected void failed(Exception e, Duration retryIn) {
    log.debug("camera snapshot poll failed: {}", e.toString());
  }
}
