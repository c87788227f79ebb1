package org.gridguard.edge.detect;

import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.alarm.AlarmKey;
import org.gridguard.edge.alarm.OpenAlarm;
import org.gridguard.edge.alarm.OpenAlarmBook;
import org.gridguard.edge.evidence.EvidenceWriter;
import org.gridguard.edge.source.camera.Polygon;
import org.gridguard.edge.source.camera.SnapshotRequest;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns detector decisions of one camera into {@code Alarm} records in the spool: one alarm id
 * per BEGIN, reused by its END; zone motion is category 9204 priority 2, device faults category
 * 0 priority 3 (DOMAIN.md). On BEGIN (except video loss, which has no picture) it asks the
 * camera for a full-resolution snapshot and lists its evidence id in the alarm before the
 * picture exists; the alarm is spooled at once and the evidence follows (PROTOCOL.md §7).
 *
 * <p>Open alarms are kept in the cameras' persisted {@link OpenAlarmBook}, so a camera alarm
 * open at a reboot gets its END after it: confirmed by its detector within a window (the alarm
 * goes on, same id), or ended when the window passes without it.
 */
final class AlarmPublisher {
  private static final Logger log = LoggerFactory.getLogger(AlarmPublisher.class);
  static final int ZONE_INTRUSION_CATEGORY = 9204;

  interface Snapshots {
    boolean request(SnapshotRequest request);
  }

  /** Starts collecting a clip around {@code timeMs}; returns its evidence id, or null. */
  interface Clips {
    String request(long timeMs);
  }

  private final CameraConfig camera;
  private final SpoolSink spool;
  private final String bootId;
  private final EvidenceWriter evidence;
  private final Snapshots snapshots;
  private final Clips clips;
  private final OpenAlarmBook openAlarms;
  /** Alarms open before the restart, waiting for their detector to confirm them: deadline. */
  private final Map<AlarmKey, Long> unconfirmed = new HashMap<>();
  private final long confirmWithinMs;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Timer latency;

  AlarmPublisher(CameraConfig camera, SpoolSink spool, String bootId, EvidenceWriter evidence,
      Snapshots snapshots, Clips clips, Timer latency) {
    this(camera, spool, bootId, evidence, snapshots, clips, latency,
        new OpenAlarmBook(null, 64), System.currentTimeMillis());
  }

  /**
   * @param openAlarms the cameras' open alarms (shared, persisted); those of this camera left
   *     open by the previous run are confirmed by their detector (the alarm continues, no second
   *     BEGIN) or ended once {@link #confirmWindowMs} has passed since {@code startMs}
   */
  AlarmPublisher(CameraConfig camera, SpoolSink spool, String bootId, EvidenceWriter evidence,
      Snapshots snapshots, Clips clips, Timer latency, OpenAlarmBook openAlarms,
      long startMs) {
    this.openAlarms = openAlarms;
    this.confirmWithinMs = confirmWindowMs(camera);
    // the alarms of this camera open now: left by the previous run of the agent, or by this
    // camera's previous configuration (a pushed change restarts the camera)
    for (OpenAlarm o : openAlarms.all()) {
      if (o.key().deviceId().equals(camera.id())) {
        unconfirmed.put(o.key(), startMs + confirmWithinMs);
      }
    }
    this.camera = camera;
    this.spool = spool;
    this.bootId = bootId;
    this.evidence = evidence;
    this.snapshots = snapshots;
    this.clips = clips;
    this.latency = latency;
  }

  synchronized void publish(DetectorEvent e) {
    AlarmKey key = new AlarmKey(camera.id(), e.type(), e.zone());
    Alarm.Builder alarm = Alarm.newBuilder()
        .setType(e.type())
        .setPhase(e.phase())
        .setZone(e.zone())
        .setRule(rule(e.type()))
        .setDetail(e.detail())
        .putAllValues(e.values());
    alarm.setPriority(priority(e.type())).setCategoryCode(category(e.type()));
    if (e.phase() == AlarmPhase.BEGIN) {
      if (unconfirmed.remove(key) != null) {
        OpenAlarm o = openAlarms.get(key);
        log.info("camera {}: {} {} still present after the restart; alarm {} (since {}) goes on",
            camera.id(), e.type(), e.zone(), o == null ? "?" : o.alarmId(),
            o == null ? "?" : o.beginMs());
        return;
      }
      if (openAlarms.isOpen(key)) {
        return; // a detector never begins twice without an END; guard anyway
      }
      String id = UUID.randomUUID().toString();
      if (!openAlarms.open(new OpenAlarm(key, id, e.conditionSinceMs(), rule(e.type()),
          priority(e.type()), category(e.type()), 0, e.conditionSinceMs()))) {
        refused.incrementAndGet();
        log.warn("camera {}: {} open camera alarms already; {} {} not raised", camera.id(),
            openAlarms.capacity(), e.type(), e.zone());
        return;
      }
      alarm.setAlarmId(id).setBeginTimeMs(e.conditionSinceMs());
      if (camera.snapshots() && evidence != null && e.type() != AlarmType.VIDEO_LOSS) {
        String evidenceId = UUID.randomUUID().toString();
        List<Polygon> zones = zonesFor(e);
        boolean queued = snapshots.request(new SnapshotRequest(evidenceId, image -> {
          if (image != null) {
            evidence.submitSnapshot(evidenceId, camera.id(), e.timeMs(), image, zones);
          }
        }));
        if (queued) {
          alarm.addEvidenceIds(evidenceId);
        }
      }
      if (camera.clip().enabled() && evidence != null && e.type() != AlarmType.VIDEO_LOSS) {
        String clipId = clips.request(e.timeMs());
        if (clipId != null) {
          alarm.addEvidenceIds(clipId);
        }
      }
    } else {
      OpenAlarm open = openAlarms.close(key);
      if (open == null) {
        return;
      }
      unconfirmed.remove(key);
      alarm.setAlarmId(open.alarmId()).setBeginTimeMs(open.beginMs()).setEndTimeMs(e.timeMs());
    }
    long frameTime = e.timeMs();
    append(alarm, e.timeMs());
    if (latency != null && !camera.stream().streamTiming()) {
      if (e.type() == AlarmType.ZONE_MOTION) {
        // the latency goal is about intrusions; faults wait for their minimum duration
        latency.record(System.currentTimeMillis() - frameTime, TimeUnit.MILLISECONDS);
      }
    }
    published.incrementAndGet();
    log.info("camera {}: {} {} {} — {}", camera.id(), e.type(), e.phase(), e.zone(), e.detail());
    openAlarms.save();
  }

  /**
   * Ends the alarms left open by the previous run that no detector confirmed within the window
   * (watchdog ticks); with {@code all} (the source ended) every one still unconfirmed.
   */
  synchronized void endUnconfirmed(long nowMs, boolean all) {
    if (unconfirmed.isEmpty()) {
      return;
    }
    boolean changed = false;
    for (var it = unconfirmed.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (!all && nowMs < entry.getValue()) {
        continue;
      }
      it.remove();
      OpenAlarm o = openAlarms.close(entry.getKey());
      if (o != null) {
        String detail = "not seen again within " + confirmWithinMs / 1000
            + " s after the edge agent restarted";
        append(endOf(o, Math.max(nowMs, o.beginMs() + 1), detail), Math.max(nowMs,
            o.beginMs() + 1));
        published.incrementAndGet();
        changed = true;
        log.info("camera {}: {} {} END (alarm {} from before the restart) — {}", camera.id(),
            o.key().type(), o.key().zone(), o.alarmId(), detail);
      }
    }
    if (changed) {
      openAlarms.save();
    }
  }

  /**
   * Ends the alarms of cameras that are no longer configured (left open by the previous run),
   * at once, so none of them stays active at the hub forever.
   */
  static int endOrphans(OpenAlarmBook book, java.util.Set<String> cameraIds, SpoolSink spool,
      String bootId, long nowMs) {
    int ended = 0;
    for (OpenAlarm o : book.all()) {
      if (cameraIds.contains(o.key().deviceId()) || book.close(o.key()) == null) {
        continue;
      }
      long at = Math.max(nowMs, o.beginMs() + 1);
      appendTo(spool, bootId, o.key().deviceId(),
          endOf(o, at, "camera no longer configured at this gateway"), at);
      ended++;
    }
    if (ended > 0) {
      log.info("{} camera alarm(s) of cameras no longer configured ended", ended);
      book.save();
    }
    return ended;
  }

  /**
   * How long after a restart an alarm left open waits for its detector: learning the scene,
   * then the slowest detector's minimum duration, then a margin.
   */
  static long confirmWindowMs(CameraConfig camera) {
    var d = camera.detect();
    long slowest = java.util.stream.Stream.of(d.videoLossAfter(), d.frozenAfter(),
        d.coveredAfter(), d.defocusAfter(), d.sceneChangeAfter())
        .mapToLong(java.time.Duration::toMillis).max().orElse(0);
    for (ZoneConfig z : camera.zones()) {
      slowest = Math.max(slowest, z.minDuration().toMillis());
    }
    return d.learn().toMillis() + slowest + d.clearAfter().toMillis() + 5_000;
  }

  private static Alarm.Builder endOf(OpenAlarm o, long atMs, String detail) {
    return Alarm.newBuilder()
        .setAlarmId(o.alarmId())
        .setType(o.key().type())
        .setPhase(AlarmPhase.END)
        .setZone(o.key().zone())
        .setRule(o.rule())
        .setPriority(o.priority())
        .setCategoryCode(o.category())
        .setBeginTimeMs(o.beginMs())
        .setEndTimeMs(atMs)
        .setDetail(detail);
  }

  private void append(Alarm.Builder alarm, long timeMs) {
    appendTo(spool, bootId, camera.id(), alarm, timeMs).whenComplete((seq, err) -> {
      if (err != null) {
        refused.incrementAndGet();
        log.warn("camera {}: {} {} alarm refused by the spool: {}", camera.id(), alarm.getType(),
            alarm.getPhase(), err.toString());
      }
    });
  }

  private static java.util.concurrent.CompletableFuture<Long> appendTo(SpoolSink spool,
      String bootId, String deviceId, Alarm.Builder alarm, long timeMs) {
    Record record = Record.newBuilder()
        .setCaptureTimeMs(timeMs)
        .setDeviceId(deviceId)
        .setBootId(bootId)
        .setAlarm(alarm)
        .build();
    return spool.append(record);
  }

  static int priority(AlarmType type) {
    return type == AlarmType.ZONE_MOTION ? 2 : 3;
  }

  static int category(AlarmType type) {
    return type == AlarmType.ZONE_MOTION ? ZONE_INTRUSION_CATEGORY : 0;
  }

  private List<Polygon> zonesFor(DetectorEvent e) {
    if (e.type() != AlarmType.ZONE_MOTION) {
      return List.of();
    }
    return camera.zones().stream().filter(z -> z.name().equals(e.zone()))
        .map(ZoneConfig::polygon).toList();
  }

  static String rule(AlarmType type) {
    return switch (type) {
      case VIDEO_LOSS -> "video.loss";
      case VIDEO_FROZEN -> "video.frozen";
      case VIDEO_COVERED -> "video.covered";
      case VIDEO_DEFOCUS -> "video.defocus";
      case VIDEO_SCENE_CHANGE -> "video.scene_change";
      case ZONE_MOTION -> "video.zone_motion";
      default -> "video." + type.name().toLowerCase();
    };
  }

  long published() {
    return published.get();
  }

  long refused() {
    return refused.get();
  }
}
