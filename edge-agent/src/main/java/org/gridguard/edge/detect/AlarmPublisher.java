package org.gridguard.edge.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.evidence.EvidenceWriter;
import org.gridguard.edge.source.camera.CameraConfig;
import org.gridguard.edge.source.camera.Polygon;
import org.gridguard.edge.source.camera.SnapshotRequest;
import org.gridguard.edge.source.camera.ZoneConfig;
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
  private final Map<String, String> openAlarms = new HashMap<>();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final LatencyRecorder latency;

  AlarmPublisher(CameraConfig camera, SpoolSink spool, String bootId, EvidenceWriter evidence,
      Snapshots snapshots, Clips clips, LatencyRecorder latency) {
    this.camera = camera;
    this.spool = spool;
    this.bootId = bootId;
    this.evidence = evidence;
    this.snapshots = snapshots;
    this.clips = clips;
    this.latency = latency;
  }

  synchronized void publish(DetectorEvent e) {
    String key = e.type() + "/" + e.zone();
    Alarm.Builder alarm = Alarm.newBuilder()
        .setType(e.type())
        .setPhase(e.phase())
        .setZone(e.zone())
        .setRule(rule(e.type()))
        .setDetail(e.detail())
        .putAllValues(e.values());
    if (e.type() == AlarmType.ZONE_MOTION) {
      alarm.setPriority(2).setCategoryCode(ZONE_INTRUSION_CATEGORY);
    } else {
      alarm.setPriority(3).setCategoryCode(0);
    }
    if (e.phase() == AlarmPhase.BEGIN) {
      if (openAlarms.containsKey(key)) {
        return; // a detector never begins twice without an END; guard anyway
      }
      String id = UUID.randomUUID().toString();
      openAlarms.put(key, id + "|" + e.conditionSinceMs());
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
      String open = openAlarms.remove(key);
      if (open == null) {
        return;
      }
      String[] parts = open.split("\\|");
      alarm.setAlarmId(parts[0]).setBeginTimeMs(Long.parseLong(parts[1]))
          .setEndTimeMs(e.timeMs());
    }
    Record record = Record.newBuilder()
        .setCaptureTimeMs(e.timeMs())
        .setDeviceId(camera.id())
        .setBootId(bootId)
        .setAlarm(alarm)
        .build();
    long frameTime = e.timeMs();
    spool.append(record).whenComplete((seq, err) -> {
      if (err != null) {
        refused.incrementAndGet();
        log.warn("camera {}: {} {} alarm refused by the spool: {}", camera.id(), e.type(),
            e.phase(), err.toString());
      }
    });
    if (latency != null && !camera.streamTiming()) {
      latency.record(e.type(), System.currentTimeMillis() - frameTime);
    }
    published.incrementAndGet();
    log.info("camera {}: {} {} {} — {}", camera.id(), e.type(), e.phase(), e.zone(), e.detail());
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
