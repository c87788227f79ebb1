package org.gridguard.edge.video;

import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.gridguard.edge.alarm.OpenAlarmBook;
import org.gridguard.edge.alarm.OpenAlarmsFile;
import org.gridguard.edge.evidence.EvidenceWriter;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.detect.CameraPipeline;
import org.gridguard.edge.source.camera.CameraMetrics;
import org.gridguard.edge.source.camera.CameraSource;
import org.gridguard.edge.source.camera.CameraWatchdog;
import org.gridguard.edge.spool.SpoolSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera side of the edge agent: one {@link CameraSource} thread and one detector pipeline
 * per camera, one watchdog, one evidence writer, all feeding the spool. Built from the
 * {@code video} config slice; {@link #start()} and {@link #close()} are the agent's hooks.
 * Cameras can be started and stopped one by one while it runs ({@link #startCamera},
 * {@link #stopCamera}: a configuration pushed by the hub); the others keep running, their
 * learned baselines intact.
 *
 * <p>This package is the only place that knows both sides of the video boundary: sources
 * ({@code source.camera}) only produce frames, detectors ({@code detect}) only consume them.
 */
public final class VideoAnalysis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VideoAnalysis.class);
  /** How long {@link #close()} waits for all camera readers together. */
  static final Duration STOP_WAIT = Duration.ofMillis(1500);
  /** Open camera alarms per camera: five tamper/fault types and video loss, plus its zones. */
  private static final int ALARMS_PER_CAMERA = 6;
  private final Map<String, LiveCamera> cameras = new LinkedHashMap<>();
  private final CameraWatchdog watchdog;
  private final EvidenceWriter evidence;
  private final Metrics metrics;
  private final Timer latency;
  private final OpenAlarmBook openAlarms;
  private final SpoolSink spool;
  private final String bootId;
  private final LongSupplier clock;
  /** Alarm counts of cameras stopped since start, so the totals never go down. */
  private final AtomicLong retiredPublished = new AtomicLong();
  private final AtomicLong retiredRefused = new AtomicLong();
  private boolean started;
  /** FFmpeg's log bridge loads the native libraries: not before a camera ever ran. */
  private volatile boolean anyCamera;

  /** Open alarms in memory only (tests, benchmarks): see the constructor with a file. */
  public VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId) {
    this(config, spool, bootId, null, new Metrics(), System::currentTimeMillis);
  }

  /**
   * @param openAlarmsFile where the cameras' open alarms survive restarts, so every BEGIN gets
   *     its END; {@code null} keeps them in memory only
   */
  public VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId,
      Path openAlarmsFile) {
    this(config, spool, bootId, openAlarmsFile, new Metrics(), System::currentTimeMillis);
  }

  /**
   * @param openAlarmsFile as above
   * @param metrics the agent's registry: the video meters (see {@link #registerMetrics}) go here
   */
  public VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId,
      Path openAlarmsFile, Metrics metrics) {
    this(config, spool, bootId, openAlarmsFile, metrics, System::currentTimeMillis);
  }

  VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId, LongSupplier clock) {
    this(config, spool, bootId, null, new Metrics(), clock);
  }

  VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId, Path openAlarmsFile,
      Metrics metrics, LongSupplier clock) {
    this.metrics = metrics;
    this.spool = spool;
    this.bootId = bootId;
    this.clock = clock;
    this.latency = metrics.timer("video.zone_motion_latency");
    this.openAlarms = new OpenAlarmBook(
        openAlarmsFile == null ? null : new OpenAlarmsFile(openAlarmsFile),
        capacityFor(config.cameras()));
    CameraPipeline.endOrphans(openAlarms, config.cameras().stream().map(CameraConfig::id)
        .collect(Collectors.toSet()), spool, bootId, clock.getAsLong());
    CamerasConfig.EvidenceSettings ev = config.evidence();
    this.evidence = new EvidenceWriter(spool, ev.jpegQuality(), ev.chunkBytes(),
        ev.queueCapacity(), bootId);
    this.watchdog = new CameraWatchdog(clock);
    for (CameraConfig camera : config.cameras()) {
      add(camera);
    }
    registerMetrics();
  }

  private static int capacityFor(List<CameraConfig> cameras) {
    int capacity = 16;
    for (CameraConfig camera : cameras) {
      capacity += ALARMS_PER_CAMERA + camera.zones().size();
    }
    return capacity;
  }

  private LiveCamera add(CameraConfig camera) {
    LiveCamera live = new LiveCamera(camera, spool, bootId, evidence, latency, openAlarms,
        clock);
    cameras.put(camera.id(), live);
    anyCamera = true;
    watchdog.watch(live.source());
    live.registerMeters(metrics.registry());
    return live;
  }

  public synchronized void start() {
    started = true;
    cameras.values().forEach(c -> c.source().start());
  }

  /** The cameras running now, in the order they were started. */
  public synchronized List<CameraConfig> cameras() {
    return cameras.values().stream().map(LiveCamera::config).toList();
  }

  /**
   * Starts one more camera (at once if the analysis runs). Alarms of its id still open in the
   * book — left by its previous configuration — wait for its detectors to confirm them, as
   * after a restart.
   *
   * @throws IllegalStateException when a camera of that id runs already
   */
  public synchronized void startCamera(CameraConfig camera) {
    if (cameras.containsKey(camera.id())) {
      throw new IllegalStateException("camera " + camera.id() + " is running already");
    }
    List<CameraConfig> all = new ArrayList<>(cameras());
    all.add(camera);
    openAlarms.ensureCapacity(capacityFor(all));
    LiveCamera live = add(camera);
    if (started) {
      live.source().start();
    }
    log.info("camera {}: started ({})", camera.id(), camera.stream().safeUrl());
  }

  /**
   * Stops one camera and forgets it; its open alarms stay in the book, for a successor of the
   * same id or for {@link #endAlarmsOfStoppedCameras}. Waits at most {@link #STOP_WAIT} for its
   * reader. @return false when no camera of that id runs
   */
  public synchronized boolean stopCamera(String id) {
    LiveCamera live = cameras.remove(id);
    if (live == null) {
      return false;
    }
    watchdog.unwatch(live.source());
    live.source().stopReconnecting();
    if (!live.source().awaitStopped(System.nanoTime() + STOP_WAIT.toNanos())) {
      log.info("camera {}: still inside an FFmpeg call after {} ms; not waiting for it", id,
          STOP_WAIT.toMillis());
    }
    live.removeMeters(metrics.registry());
    retiredPublished.addAndGet(live.pipeline().published());
    retiredRefused.addAndGet(live.pipeline().refused());
    log.info("camera {}: stopped", id);
    return true;
  }

  /**
   * Ends, at once, every open alarm of a camera that does not run now (one stopped for good),
   * so none stays active at the hub forever. @return how many were ended
   */
  public synchronized int endAlarmsOfStoppedCameras() {
    return CameraPipeline.endOrphans(openAlarms, cameras.keySet(), spool, bootId,
        clock.getAsLong());
  }

  /**
   * Grabs the next full-resolution frame of a running camera and hands it to the spool as an
   * evidence item (EVIDENCE lane, like alarm snapshots), zones drawn on it. The future
   * completes with the evidence id once the item is in the spool, or fails with a message
   * for people (unknown or stopped camera, no frame, evidence queue full).
   */
  public CompletableFuture<String> snapshotNow(String id) {
    CompletableFuture<String> done = new CompletableFuture<>();
    LiveCamera live;
    synchronized (this) {
      live = cameras.get(id);
      if (live == null) {
        done.completeExceptionally(new IllegalArgumentException("camera " + id
            + " is not configured at this gateway (running: " + cameras.keySet() + ")"));
        return done;
      }
      if (!started || live.pipeline().ended()) {
        done.completeExceptionally(new IllegalStateException("camera " + id
            + " is not running (its stream " + (started ? "ended" : "is not started yet") + ")"));
        return done;
      }
    }
    return live.snapshot(evidence, clock, done);
  }

  /** True when every camera is a file source that has reached its end (tests, benchmarks). */
  public synchronized boolean allEnded() {
    return cameras.values().stream().allMatch(c -> c.pipeline().ended());
  }

  public synchronized List<CameraMetrics> metrics() {
    return cameras.values().stream().map(c -> c.source().metrics()).toList();
  }

  /** Time spent in the detectors (not decoding), all cameras, nanoseconds. */
  public synchronized long analysisNanos() {
    return cameras.values().stream().mapToLong(c -> c.pipeline().analysisNanos()).sum();
  }

  /** Zone-motion alarm latency, frame time to handed to the spool. */
  public Timer latency() {
    return latency;
  }

  /**
   * The video metrics the agent logs (and serves): evidence writer counters, zone-motion alarm
   * latency, open camera alarms, FFmpeg log lines suppressed by the per-camera bound; each
   * camera's own meters come and go with it ({@link LiveCamera}).
   */
  private void registerMetrics() {
    metrics.gauge("video.evidence.written", evidence::written);
    metrics.gauge("video.evidence.dropped", evidence::dropped);
    metrics.gauge("video.evidence.failed", evidence::failed);
    metrics.gauge("video.evidence.queued", evidence::queued);
    metrics.gauge("video.evidence.bytes", evidence::bytesWritten);
    // the timer itself is video.zone_motion_latency; these keep the names the docs list
    metrics.gauge("video.zone_motion_latency.count", latency::count);
    metrics.gauge("video.zone_motion_latency.p50_ms", () -> latencyMs(0.5));
    metrics.gauge("video.zone_motion_latency.p95_ms", () -> latencyMs(0.95));
    metrics.gauge("video.open_alarms", openAlarms::size);
    metrics.gauge("video.open_alarms.refused", openAlarms::refused);
    metrics.gauge("video.open_alarms.save_failures", openAlarms::saveFailures);
    metrics.gauge("video.cameras", () -> cameras().size());
    metrics.gauge("video.alarms.published", () -> retiredPublished.get() + sum(true));
    metrics.gauge("video.alarms.spool_refused", () -> retiredRefused.get() + sum(false));
    metrics.gauge("video.ffmpeg_log.suppressed",
        () -> anyCamera ? CameraSource.ffmpegLinesSuppressed() : 0);
  }

  private synchronized long sum(boolean published) {
    return cameras.values().stream().mapToLong(c -> published ? c.pipeline().published()
        : c.pipeline().refused()).sum();
  }

  /** A zone-motion latency percentile in milliseconds, -1 while there is none. */
  private long latencyMs(double quantile) {
    return latency.count() == 0 ? -1 : (Metrics.percentileMicros(latency, quantile) + 999) / 1000;
  }

  /** The cameras' open alarms (persisted when built with a file). */
  public OpenAlarmBook openAlarms() {
    return openAlarms;
  }

  public EvidenceWriter evidence() {
    return evidence;
  }

  /**
   * Stops every camera at once: first all reconnects (readers waiting in their backoff leave
   * at once), then waits for the readers together, at most {@link #STOP_WAIT}; a reader still
   * inside an FFmpeg call (a camera that accepted the connection and never answers) is left
   * behind — it delivers nothing any more and dies with the process. So the agent stops within
   * a few seconds whatever its cameras do, well inside systemd's {@code TimeoutStopSec}.
   */
  @Override
  public void close() {
    watchdog.close();
    List<CameraSource> sources;
    synchronized (this) {
      sources = cameras.values().stream().map(LiveCamera::source).toList();
    }
    sources.forEach(CameraSource::stopReconnecting);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    List<String> stuck = new ArrayList<>();
    for (CameraSource source : sources) {
      if (!source.awaitStopped(deadline)) {
        stuck.add(source.config().id());
      }
    }
    if (!stuck.isEmpty()) {
      log.info("cameras {} still inside an FFmpeg call after {} ms; not waiting for them",
          stuck, STOP_WAIT.toMillis());
    }
    evidence.close();
  }
}
