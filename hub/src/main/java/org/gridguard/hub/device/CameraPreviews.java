package org.gridguard.hub.device;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.evidence.EvidenceStore;
import org.gridguard.hub.ingest.EdgeSession;
import org.gridguard.hub.ingest.EdgeSessions;
import org.gridguard.hub.ingest.SessionListener;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.gridguard.protocol.v1.CommandResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Snapshot now" for a camera (PROTOCOL.md §10): sends {@code Command{request_snapshot}} to the
 * gateway's live session, on this instance or, through the database, on the instance holding it
 * ({@link SnapshotDispatch}); the edge answers {@code CommandResult{evidence_ids}}
 * and sends the picture on the EVIDENCE lane, which the evidence store keeps as usual. The
 * evidence id of the latest answered request is the camera's preview. One request per camera at
 * a time (an unanswered one blocks another for {@code result-timeout}), decided by the database. For the REST API and the
 * console.
 */
@Component
public class CameraPreviews implements SessionListener {
  /**
   * An accepted request; {@code delivery} is {@code sent} (to the session on this instance) or
   * {@code queued} (for the hub instance holding the gateway's session, which sends it).
   */
  public record Requested(long deviceId, String gatewayId, String cameraId, String commandId,
      Instant requestedAt, String delivery) {}

  /** The camera's latest preview picture. */
  public record Preview(long deviceId, String gatewayId, String cameraId, String evidenceId,
      String contentType, Instant requestedAt, Instant receivedAt, Path file) {}

  private final DeviceRepository devices;
  private final EdgeSessions sessions;
  private final SnapshotRepository snapshots;
  private final EvidenceStore evidence;
  private final AuditLog audit;
  private final SessionWork work;
  private final Clock clock;
  private final ConfigPushProperties config;
  private final io.micrometer.core.instrument.MeterRegistry meters;
  private final SnapshotDispatch dispatch;
  private final DeviceHealthProperties health;

  CameraPreviews(DeviceRepository devices, EdgeSessions sessions, SnapshotRepository snapshots,
      EvidenceStore evidence, AuditLog audit, SessionWork work, Clock clock,
      ConfigPushProperties config, io.micrometer.core.instrument.MeterRegistry meters,
      SnapshotDispatch dispatch, DeviceHealthProperties health) {
    this.dispatch = dispatch;
    this.health = health;
    this.devices = devices;
    this.sessions = sessions;
    this.snapshots = snapshots;
    this.evidence = evidence;
    this.audit = audit;
    this.work = work;
    this.clock = clock;
    this.config = config;
    this.meters = meters;
  }

  /** {@link #request(HubPrincipal, long, String)} without a client address (the console's own). */
  public Requested request(HubPrincipal caller, long deviceId) {
    return request(caller, deviceId, null);
  }

  /**
   * Asks the camera's gateway for a snapshot; audited as {@code device.snapshot}. The request is
   * written to {@code camera_snapshot} (one pending per camera, by a UNIQUE key); if the gateway's
   * session is on this instance the command is sent at once, else the instance holding it sends
   * it ({@link SnapshotDispatch}: NOTIFY on PostgreSQL, a short poll on H2).
   *
   * @throws ResponseStatusException 403 unless admin or technician; 404 no such device in the
   *     caller's scope; 409 not a camera, gateway connected to no hub instance, its session here
   *     without {@code command.v1}, a request pending
   */
  public Requested request(HubPrincipal caller, long deviceId, String address) {
    Device d = device(caller, deviceId);
    if (d.kind() != DeviceKind.CAMERA) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "device " + deviceId + " is a "
          + d.kind() + "; only a camera takes a snapshot");
    }
    Instant now = clock.instant();
    Optional<EdgeSession> here = sessions.live(d.gatewayId());
    if (here.isPresent() && !here.get().commands()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "gateway " + d.gatewayId()
          + "'s session did not list feature command.v1: its edge agent cannot take a snapshot "
          + "command (update it)");
    }
    if (here.isEmpty() && !snapshots.connectedSomewhere(d.gatewayId(),
        now.minus(health.gatewayOfflineAfter()))) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "gateway " + d.gatewayId() + " of "
          + "camera " + d.deviceId() + " has no session on any hub instance (it is offline); try "
          + "again when it is connected");
    }
    snapshots.expire(d.gatewayId(), d.deviceId(), now.minus(config.resultTimeout()));
    String commandId = UUID.randomUUID().toString();
    try {
      snapshots.insert(commandId, d.gatewayId(), d.deviceId(), caller.username(), now);
    } catch (DuplicateKeyException e) {
      String since = snapshots.latest(d.gatewayId(), d.deviceId())
          .filter(SnapshotRepository.Row::pending).map(r -> " was requested at "
              + r.requestedAt() + " and").orElse("");
      throw new ResponseStatusException(HttpStatus.CONFLICT, "a snapshot of camera "
          + d.deviceId() + since + " is not answered yet; wait for it (at most "
          + config.resultTimeout() + ")");
    }
    boolean sent = here.isPresent() && snapshots.find(commandId, d.gatewayId())
        .map(row -> dispatch.send(here.get(), row)).orElse(false);
    if (!sent) {
      dispatch.announce(d.gatewayId());
    }
    meters.counter("gridguard.camera.snapshot.requests").increment();
    audit.record(new AuditEntry(caller.username(), address, "device.snapshot", "device",
        d.gatewayId() + "/" + d.deviceId(), AuditEntry.SUCCESS, null, null, "command "
            + commandId + (sent ? "" : " (queued for the instance holding the session)")));
    return new Requested(deviceId, d.gatewayId(), d.deviceId(), commandId, now,
        sent ? "sent" : "queued");
  }

  /**
   * The camera's latest preview, once its picture is completely stored. Serving it should be
   * audited ({@link CameraPreviewController} audits {@code device.preview.view}).
   *
   * @return empty when no snapshot was answered yet or its picture has not fully arrived
   * @throws ResponseStatusException 404 no such device in the caller's scope
   */
  public Optional<Preview> latest(HubPrincipal caller, long deviceId) {
    Device d = device(caller, deviceId);
    if (d.previewEvidenceId() == null) {
      return Optional.empty();
    }
    Optional<SnapshotRepository.Evidence> item = snapshots.evidence(d.gatewayId(),
        d.previewEvidenceId());
    if (item.isEmpty() || !"COMPLETE".equals(item.get().status())) {
      return Optional.empty();
    }
    Instant requested = snapshots.byEvidence(d.gatewayId(), d.previewEvidenceId())
        .map(SnapshotRepository.Row::requestedAt).orElse(null);
    return Optional.of(new Preview(deviceId, d.gatewayId(), d.deviceId(), d.previewEvidenceId(),
        item.get().contentType(), requested, d.previewAt(),
        evidence.file(d.gatewayId(), d.previewEvidenceId())));
  }

  /** Why there is no preview, for the 404 of a missing one. */
  String whyNone(HubPrincipal caller, long deviceId) {
    Device d = device(caller, deviceId);
    String how = "POST /api/v1/devices/" + deviceId + "/snapshot";
    if (d.previewEvidenceId() != null) {
      return "the picture of snapshot " + d.previewEvidenceId() + " has not fully arrived yet; "
          + "try again in a few seconds";
    }
    Optional<SnapshotRepository.Row> last = snapshots.latest(d.gatewayId(), d.deviceId());
    if (last.isPresent() && last.get().answeredAt() == null && last.get().pending()) {
      return "no preview yet; a snapshot was requested at " + last.get().requestedAt()
          + " and is not answered yet" + (last.get().sentAt() == null ? " (not yet sent: "
          + "waiting for the hub instance that holds gateway " + d.gatewayId() + "'s session)"
          : "");
    }
    if (last.isPresent() && last.get().answeredAt() == null) {
      return "no preview yet; the snapshot requested at " + last.get().requestedAt() + " was not "
          + "answered within " + config.resultTimeout() + "; " + how;
    }
    if (last.isPresent() && Boolean.FALSE.equals(last.get().ok())) {
      return "no preview yet; the last snapshot failed: " + last.get().message() + "; " + how;
    }
    return "no preview yet; " + how;
  }

  @Override
  public void commandResult(EdgeSession session, CommandResult result) {
    if (!result.getCommandId().startsWith(ConfigPusher.RESULT_PREFIX)) {
      work.submit("snapshot result of " + session.gatewayId(), () -> answered(session, result));
    }
  }

  /** Stores the edge's answer to a snapshot command it was sent. */
  void answered(EdgeSession session, CommandResult result) {
    Optional<SnapshotRepository.Row> row = snapshots.find(result.getCommandId(),
        session.gatewayId());
    if (row.isEmpty()) {
      meters.counter("gridguard.camera.snapshot.results", "outcome", "unknown").increment();
      return; // not ours, or another gateway's: ignored
    }
    Instant now = clock.instant();
    String evidenceId = result.getEvidenceIdsCount() == 0 ? null : result.getEvidenceIds(0);
    boolean ok = result.getOk() && evidenceId != null;
    String message = result.getOk() && evidenceId == null ? "the edge answered ok without an "
        + "evidence id" : result.getMessage();
    if (!snapshots.answered(result.getCommandId(), ok, ConfigPusher.redactUserInfo(message),
        evidenceId, now)) {
      return;
    }
    meters.counter("gridguard.camera.snapshot.results", "outcome", ok ? "ok" : "failed")
        .increment();
    if (ok) {
      devices.setPreview(session.gatewayId(), row.get().deviceId(), evidenceId, now);
    }
  }

  private Device device(HubPrincipal caller, long deviceId) {
    if (!caller.has(Role.ADMIN) && !caller.has(Role.TECHNICIAN)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "camera snapshots and previews are "
          + "for admins and technicians");
    }
    return devices.find(deviceId, caller.scope()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no device " + deviceId));
  }
}
