package org.gridguard.edge.video;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>This package is the only place that knows both sides of the video boundary: sources
 * ({@code source.camera}) only produce frames, detectors ({@code detect}) only consume them.
 */
public final class VideoAnalysis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VideoAnalysis.class);
  /** How long {@link #close()} waits for all camera readers together. */
  static final Duration STOP_WAIT = Duration.ofMillis(1500);
  private final List<CameraSource> sources = new ArrayList<>();
  private final List<CameraPipeline> pipelines = new ArrayList<>();
  private final CameraWatchdog watchdog;
  private final EvidenceWriter evidence;
  private final Metrics metrics;
  private final Timer latency;
  private final OpenAlarmBook openAlarms;

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
    this.latency = metrics.timer("video.zone_motion_latency");
    int capacity = 16;
    for (CameraConfig camera : config.cameras()) {
      capacity += 6 + camera.zones().size(); // five tamper/fault types, video loss, zones
    }
    this.openAlarms = new OpenAlarmBook(
        openAlarmsFile == null ? null : new OpenAlarmsFile(openAlarmsFile), capacity);
    long now = clock.getAsLong();
    CameraPipeline.endOrphans(openAlarms, config.cameras().stream().map(CameraConfig::id)
        .collect(Collectors.toSet()), spool, bootId, now);
    CamerasConfig.EvidenceSettings ev = config.evidence();
    this.evidence = new EvidenceWriter(spool, ev.jpegQuality(), ev.chunkBytes(),
        ev.queueCapacity(), bootId);
    this.watchdog = new CameraWatchdog(clock);
    for (CameraConfig camera : config.cameras()) {
      CameraSource[] holder = new CameraSource[1];
      CameraPipeline pipeline = new CameraPipeline(camera, spool, bootId, evidence,
          r -> holder[0] != null && holder[0].requestSnapshot(r), latency, openAlarms, now);
      CameraSource source = new CameraSource(camera.stream(), pipeline, clock);
      holder[0] = source;
      sources.add(source);
      pipelines.add(pipeline);
      watchdog.watch(source);
    }
    registerMetrics();
  }

  public void start() {
    sources.forEach(CameraSource::start);
  }

  /** True when every camera is a file source that has reached its end (tests, benchmarks). */
  public boolean allEnded() {
    return pipelines.stream().allMatch(CameraPipeline::ended);
  }

  public List<CameraMetrics> metrics() {
    return sources.stream().map(CameraSource::metrics).toList();
  }

  /** Time spent in the detectors (not decoding), all cameras, nanoseconds. */
  public long analysisNanos() {
    return pipelines.stream().mapToLong(CameraPipeline::analysisNanos).sum();
  }

  /** Zone-motion alarm latency, frame time to handed to the spool. */
  public Timer latency() {
    return latency;
  }

  /**
   * The video metrics the agent logs (and serves): evidence writer counters, zone-motion alarm
   * latency, open camera alarms, FFmpeg log lines suppressed by the per-camera bound.
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
    metrics.gauge("video.alarms.published", () -> pipelines.stream()
        .mapToLong(CameraPipeline::published).sum());
    metrics.gauge("video.alarms.spool_refused", () -> pipelines.stream()
        .mapToLong(CameraPipeline::refused).sum());
    metrics.gauge("video.ffmpeg_log.suppressed", CameraSource::ffmpegLinesSuppressed);
    MeterRegistry registry = metrics.registry();
    for (CameraSource source : sources) {
      // the camera's own counters, in the agent's registry, tagged with the camera id
      Tags camera = Tags.of("camera", source.config().id());
      counter(registry, "video.camera.frames_decoded", camera,
          () -> source.metrics().framesDecoded());
      counter(registry, "video.camera.frames_analysed", camera,
          () -> source.metrics().framesAnalysed());
      counter(registry, "video.camera.reconnects", camera, () -> source.metrics().reconnects());
      counter(registry, "video.camera.abandoned_threads", camera,
          () -> source.metrics().abandonedThreads());
      counter(registry, "video.camera.snapshots_dropped", camera,
          () -> source.metrics().snapshotsDropped());
      Gauge.builder(Metrics.PREFIX + "video.camera.snapshot_queue", source,
          s -> s.metrics().snapshotQueue()).tags(camera).register(registry);
    }
  }

  private static void counter(MeterRegistry registry, String name, Tags tags,
      LongSupplier value) {
    FunctionCounter.builder(Metrics.PREFIX + name, value, LongSupplier::getAsLong).tags(tags)
        .register(registry);
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
