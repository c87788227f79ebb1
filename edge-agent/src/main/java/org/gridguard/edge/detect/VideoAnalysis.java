package org.gridguard.edge.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.gridguard.edge.evidence.EvidenceWriter;
import org.gridguard.edge.source.camera.CameraConfig;
import org.gridguard.edge.source.camera.CameraMetrics;
import org.gridguard.edge.source.camera.CameraSource;
import org.gridguard.edge.source.camera.CameraWatchdog;
import org.gridguard.edge.source.camera.CamerasConfig;
import org.gridguard.edge.spool.SpoolSink;

/**
 * The camera side of the edge agent: one {@link CameraSource} thread and one detector pipeline
 * per camera, one watchdog, one evidence writer, all feeding the spool. Built from the
 * {@code video} config slice; {@link #start()} and {@link #close()} are the agent's hooks.
 */
public final class VideoAnalysis implements AutoCloseable {
  private final List<CameraSource> sources = new ArrayList<>();
  private final List<CameraPipeline> pipelines = new ArrayList<>();
  private final List<AlarmPublisher> publishers = new ArrayList<>();
  private final CameraWatchdog watchdog;
  private final EvidenceWriter evidence;
  private final LatencyRecorder latency = new LatencyRecorder();

  public VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId) {
    this(config, spool, bootId, System::currentTimeMillis);
  }

  VideoAnalysis(CamerasConfig config, SpoolSink spool, String bootId, LongSupplier clock) {
    CamerasConfig.EvidenceSettings ev = config.evidence();
    this.evidence = new EvidenceWriter(spool, ev.jpegQuality(), ev.chunkBytes(),
        ev.queueCapacity(), bootId);
    this.watchdog = new CameraWatchdog(clock);
    for (CameraConfig camera : config.cameras()) {
      CameraSource[] holder = new CameraSource[1];
      CameraPipeline[] pipe = new CameraPipeline[1];
      AlarmPublisher publisher = new AlarmPublisher(camera, spool, bootId, evidence,
          r -> holder[0] != null && holder[0].requestSnapshot(r),
          t -> pipe[0] == null ? null : pipe[0].requestClip(t), latency);
      CameraPipeline pipeline = new CameraPipeline(camera, publisher, evidence);
      pipe[0] = pipeline;
      CameraSource source = new CameraSource(camera, pipeline, clock);
      holder[0] = source;
      sources.add(source);
      pipelines.add(pipeline);
      publishers.add(publisher);
      watchdog.watch(source);
    }
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

  public LatencyRecorder latency() {
    return latency;
  }

  public EvidenceWriter evidence() {
    return evidence;
  }

  @Override
  public void close() {
    watchdog.close();
    sources.forEach(CameraSource::stop);
    evidence.close();
  }
}
