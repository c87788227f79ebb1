package org.gridguard.edge.detect;

import io.micrometer.core.instrument.Timer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.gridguard.edge.alarm.OpenAlarmBook;
import org.gridguard.edge.evidence.EvidenceWriter;
import org.gridguard.edge.source.camera.SnapshotRequest;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.edge.source.camera.FrameListener;
import org.gridguard.edge.source.camera.GrayFrame;

/**
 * All detectors of one camera. Frames arrive on the camera's thread; health ticks on the
 * watchdog thread. Each frame is measured once ({@link FrameFeatures}) and shown to every
 * detector with a {@link SceneContext}, so a covered lens raises "covered" and not also
 * "defocus", "frozen" and "scene changed".
 *
 * <p>The detection side of the video boundary: it consumes a source's frames through
 * {@link FrameListener} and knows the source only as a way to ask for a snapshot; it never
 * builds or controls one (that is the {@code video} package's assembly).
 */
public final class CameraPipeline implements FrameListener {
  private final CameraConfig camera;
  private final AlarmPublisher publisher;
  private final CoveredDetector covered;
  private final DefocusDetector defocus;
  private final List<FrameDetector> detectors = new ArrayList<>();
  private final MotionField motion = new MotionField();
  private final VideoLossDetector loss;
  private final boolean live;
  private final AtomicLong analysisNanos = new AtomicLong();
  private final EvidenceWriter evidence;
  private final FrameRing ring;
  private final List<PendingClip> clips = new ArrayList<>();
  private GrayFrame previous;
  private volatile boolean ended;

  /** A clip waiting for its post-alarm frames. */
  private record PendingClip(String evidenceId, long fromMs, long untilMs, long alarmMs) {
  }

  private static final int MAX_PENDING_CLIPS = 2;

  /**
   * @param snapshots asks the camera for its next full-resolution frame; false when it cannot
   * @param latency zone-motion alarm latency, frame to spool (shared by all cameras), or
   *     {@code null}
   * @param openAlarms the cameras' open alarms (shared, persisted)
   * @param startMs now, when this run started (alarms open before it wait for confirmation)
   */
  public CameraPipeline(CameraConfig camera, SpoolSink spool, String bootId,
      EvidenceWriter evidence, Predicate<SnapshotRequest> snapshots, Timer latency,
      OpenAlarmBook openAlarms, long startMs) {
    // the publisher asks this pipeline for clips (its frame ring), so it is built with it
    this(camera, evidence, pipe -> new AlarmPublisher(camera, spool, bootId, evidence,
        snapshots::test, pipe::requestClip, latency, openAlarms, startMs));
  }

  private CameraPipeline(CameraConfig camera, EvidenceWriter evidence,
      Function<CameraPipeline, AlarmPublisher> publisher) {
    this.camera = camera;
    this.publisher = publisher.apply(this);
    this.evidence = evidence;
    ClipConfig clip = camera.clip();
    this.ring = clip.enabled() ? new FrameRing((int) Math.ceil(clip.pre().plus(clip.post())
        .toMillis() / 1000.0 * camera.stream().analysisFps()) + 5) : null;
    this.covered = new CoveredDetector(camera.detect());
    this.defocus = new DefocusDetector(camera.detect());
    this.loss = new VideoLossDetector(camera.detect());
    this.live = camera.stream().isLive();
    detectors.add(covered);
    detectors.add(defocus);
    detectors.add(new FrozenDetector(camera.detect()));
    detectors.add(new SceneChangeDetector(camera.detect()));
    ZoneId tz = ZoneId.of(camera.timeZone());
    for (ZoneConfig zone : camera.zones()) {
      detectors.add(new ZoneMotionDetector(zone, tz, motion));
    }
  }

  @Override
  public void onFrame(GrayFrame frame) {
    long t0 = System.nanoTime();
    FrameFeatures f = FrameFeatures.of(frame, previous);
    previous = frame;
    if (ring != null) {
      ring.add(frame);
    }
    if (!camera.zones().isEmpty()) {
      motion.update(frame);
    }
    SceneContext scene = new SceneContext(covered.condition(f), defocus.blurred(f));
    for (FrameDetector d : detectors) {
      DetectorEvent e = d.onFrame(f, scene);
      if (e != null) {
        publisher.publish(e);
      }
    }
    if (!clips.isEmpty()) {
      finishClips(frame.timeMs());
    }
    analysisNanos.addAndGet(System.nanoTime() - t0);
  }

  /** Called by the publisher on this camera's thread when an alarm begins. */
  String requestClip(long timeMs) {
    if (ring == null || clips.size() >= MAX_PENDING_CLIPS) {
      return null;
    }
    String id = UUID.randomUUID().toString();
    clips.add(new PendingClip(id, timeMs - camera.clip().pre().toMillis(),
        timeMs + camera.clip().post().toMillis(), timeMs));
    return id;
  }

  private void finishClips(long nowMs) {
    for (Iterator<PendingClip> it = clips.iterator(); it.hasNext(); ) {
      PendingClip c = it.next();
      if (nowMs >= c.untilMs()) {
        it.remove();
        evidence.submitClip(c.evidenceId(), camera.id(), c.alarmMs(), ring.since(c.fromMs()),
            camera.stream().analysisFps());
      }
    }
  }

  @Override
  public void onTick(long nowMs, long lastFrameWallMs, String problem) {
    publisher.endUnconfirmed(nowMs, false);
    if (!live || ended) {
      return;
    }
    DetectorEvent e;
    synchronized (loss) {
      e = loss.tick(nowMs, lastFrameWallMs, problem);
    }
    if (e != null) {
      publisher.publish(e);
    }
  }

  @Override
  public void onEnd() {
    ended = true;
    publisher.endUnconfirmed(System.currentTimeMillis(), true);
  }

  /** True once a finite source (a file) has reached its end. */
  public boolean ended() {
    return ended;
  }

  /** Time spent in the detectors (not decoding), nanoseconds. */
  public long analysisNanos() {
    return analysisNanos.get();
  }

  /** Alarm records this camera handed to the spool. */
  public long published() {
    return publisher.published();
  }

  /** Alarm records the spool refused (full or failing). */
  public long refused() {
    return publisher.refused();
  }

  /**
   * Ends, at once, the alarms left open by the previous run of cameras no longer configured, so
   * none stays active at the hub forever. Returns how many were ended.
   */
  public static int endOrphans(OpenAlarmBook book, Set<String> cameraIds, SpoolSink spool,
      String bootId, long nowMs) {
    return AlarmPublisher.endOrphans(book, cameraIds, spool, bootId, nowMs);
  }
}
